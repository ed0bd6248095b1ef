-- Three-line orders into POST /api/v1/orders, each with its own
-- Idempotency-Key and PO number, so each must become exactly one order.
-- args: <account id> <run id>
dofile(os.getenv("BENCH_LUA_DIR") .. "/unique.lua")

init = function(args)
  account = args[1]
  start_run(args[2])
end

request = function()
  local n = unique_id()
  local body = '{"account_id": ' .. account .. ', "po_number": "B' .. n ..
    '", "lines": [' ..
    '{"part_number": "1K0615301", "description": "Brake disc", "quantity": 2, "unit_price": "45.90"},' ..
    '{"part_number": "5Q0698151", "description": "Brake pads", "quantity": 1, "unit_price": "62.00"},' ..
    '{"part_number": "N10722101", "description": "Bolt", "quantity": 4, "unit_price": "0.85"}]}'
  wrk.headers["Idempotency-Key"] = "bench-" .. n
  return wrk.format("POST", wrk.path, nil, body)
end

dofile(os.getenv("BENCH_LUA_DIR") .. "/stats.lua")
