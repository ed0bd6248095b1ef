-- Trade-account requests, each with its own account name, e-mail and
-- idempotency key, so every one is a new request that must be stored once.
-- args: <form fields without the unique ones, urlencoded> <run id>
dofile(os.getenv("BENCH_LUA_DIR") .. "/unique.lua")

init = function(args)
  base = args[1]
  start_run(args[2])
end

request = function()
  local n = unique_id()
  local body = base .. "&name=Bench+Korjaamo+" .. n ..
    "&email=bench." .. n .. "%40bench.example" ..
    "&idempotency_key=bench-key-" .. n
  return wrk.format("POST", wrk.path, nil, body)
end

dofile(os.getenv("BENCH_LUA_DIR") .. "/stats.lua")
