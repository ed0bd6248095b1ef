-- Three-line orders into POST /api/v1/orders, each with its own
-- Idempotency-Key and PO number, so each must become exactly one order.
-- args: <account id> <run id>
local threads = {}
local next_id = 1

setup = function(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

init = function(args)
  account = args[1]
  -- The warm-up and the measured run share args: the start time keeps
  -- their keys apart.
  run = args[2] .. "t" .. os.time()
  counter = 0
end

request = function()
  counter = counter + 1
  local n = run .. "-" .. tid .. "-" .. counter
  local body = '{"account_id": ' .. account .. ', "po_number": "B' .. n ..
    '", "lines": [' ..
    '{"part_number": "1K0615301", "description": "Brake disc", "quantity": 2, "unit_price": "45.90"},' ..
    '{"part_number": "5Q0698151", "description": "Brake pads", "quantity": 1, "unit_price": "62.00"},' ..
    '{"part_number": "N10722101", "description": "Bolt", "quantity": 4, "unit_price": "0.85"}]}'
  wrk.headers["Idempotency-Key"] = "bench-" .. n
  return wrk.format("POST", wrk.path, nil, body)
end

dofile(os.getenv("BENCH_LUA_DIR") .. "/stats.lua")
