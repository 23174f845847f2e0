-- wrk script: posts the public interest form, a new mover each time (distinct e-mails per
-- thread and request), each with a token of its own as a browser has (FORM_TOKENS: a file
-- of tokens, one a line, from `lotsbok bench-tokens`). Without enough tokens the rest are
-- refused as replays, and the run says so.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local tokens = nil
local counter = 0
function init(args)
  tokens = {}
  for line in io.lines(os.getenv("FORM_TOKENS")) do tokens[#tokens + 1] = line end
end

request = function()
  counter = counter + 1
  -- Thread 1 takes tokens 1, 3, 5 …, thread 2 takes 2, 4, 6 … (two threads).
  local token = tokens[((counter - 1) * 2 + tid - 1) % #tokens + 1]
  local body = "token=" .. token .. "&first_name=Bench&last_name=Mover&email=bench" .. tid .. "." ..
    counter .. "." .. os.time() .. "%40example.nl&country=NL&place=Utrecht&adults=2&children=1" ..
    "&children_ages=6&help=job&m=lycksele&contact_via=email&contact_language=nl&consent=yes&message=Hallo"
  return wrk.format("POST", "/interest?lang=nl", { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end
