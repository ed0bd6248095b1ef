-- Each request of a run gets an id no other request has: the run id from
-- the benchmark, the start time (the warm-up and the measured run share
-- args), the thread and a counter.
local next_id = 1

setup = function(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
end

function start_run(run_id)
  run = run_id .. "t" .. os.time()
  counter = 0
end

function unique_id()
  counter = counter + 1
  return run .. "-" .. tid .. "-" .. counter
end
