-- wrk script for bench/run.py's varied traffic: every request asks for a path drawn at random
-- from the file named by BENCH_PATHS (one path a line, written by run.py: any of the
-- published stories, searches drawn from the corpus's vocabulary, pages across the whole
-- list, filter mixes...), so the whole-page cache answers only what readers really repeat.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "wrk_report.lua")

local paths = {}

function init(args)
  local name = os.getenv("BENCH_PATHS")
  local file = assert(io.open(name, "r"), "BENCH_PATHS names no readable file")
  for line in file:lines() do
    if #line > 0 then
      paths[#paths + 1] = line
    end
  end
  file:close()
  assert(#paths > 0, "BENCH_PATHS is empty")
  -- Each thread its own sequence (`id` is set by setup in wrk_report.lua).
  math.randomseed(os.time() * 97 + id)
end

function request()
  return wrk.format(nil, paths[math.random(#paths)])
end
