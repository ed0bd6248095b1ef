-- Trade-account requests, each with its own account name, e-mail and
-- idempotency key, so every one is a new request that must be stored once.
-- args: <form fields without the unique ones, urlencoded> <run id>
local threads = {}
local next_id = 1

setup = function(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

init = function(args)
  base = args[1]
  -- The warm-up and the measured run share args: the start time keeps
  -- their keys apart (a repeated key is a resend, acknowledged unstored).
  run = args[2] .. "t" .. os.time()
  counter = 0
end

request = function()
  counter = counter + 1
  local n = run .. "-" .. tid .. "-" .. counter
  local body = base .. "&name=Bench+Korjaamo+" .. n ..
    "&email=bench." .. n .. "%40bench.example" ..
    "&idempotency_key=bench-key-" .. n
  return wrk.format("POST", wrk.path, nil, body)
end

dofile(os.getenv("BENCH_LUA_DIR") .. "/stats.lua")
