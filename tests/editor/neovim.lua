-- Neovim (Debian 12's 0.7) as the language server's client: what a user's
-- configuration does (README), then what the user sees, written to a JSON
-- file for tests/editor_test.py to check. Run headless:
--   REFERAT=... PROJECT=... MEETING=... RESULT=... nvim --headless --clean -c "luafile tests/editor/neovim.lua"
local referat, project, meeting, result_path =
  os.getenv("REFERAT"), os.getenv("PROJECT"), os.getenv("MEETING"), os.getenv("RESULT")
local result = { steps = {} }

local function finish()
  local f = io.open(result_path, "w")
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd("qall!")
end

local function step(name, value)
  result.steps[name] = value
end

local ok, failure = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(meeting))
  local buffer = vim.api.nvim_get_current_buf()
  -- What README tells a Neovim 0.7 user to put in init.lua (0.8 and later
  -- have vim.lsp.start, which does both calls).
  local client_id = vim.lsp.start_client({
    name = "referat",
    cmd = { referat, "lsp" },
    root_dir = project,
  })
  vim.lsp.buf_attach_client(buffer, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  step("attached", client ~= nil)

  -- Diagnostics appear without saving: the duplicate case number.
  vim.wait(10000, function() return #vim.diagnostic.get(buffer) > 0 end, 50)
  local seen = {}
  for _, d in ipairs(vim.diagnostic.get(buffer)) do
    table.insert(seen, { line = d.lnum, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code),
                         severity = d.severity, message = d.message })
  end
  step("diagnostics", seen)

  -- Hover on the case reference in the text.
  local row, col
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buffer, 0, -1, false)) do
    local at = line:find("Oppfølging av: 02/25", 1, true)
    if at and not row then row, col = i - 1, #"Oppfølging av: " + 1 end
  end
  local params = { textDocument = { uri = vim.uri_from_bufnr(buffer) }, position = { line = row, character = col } }
  local hover = vim.lsp.buf_request_sync(buffer, "textDocument/hover", params, 10000)
  local text = ""
  for _, answer in pairs(hover or {}) do
    if answer.result and answer.result.contents then text = answer.result.contents.value or "" end
  end
  step("hover", text)

  local definition = vim.lsp.buf_request_sync(buffer, "textDocument/definition", params, 10000)
  local target = nil
  for _, answer in pairs(definition or {}) do
    local r = answer.result
    if r and r.uri then target = { uri = r.uri, line = r.range.start.line }
    elseif r and r[1] then target = { uri = r[1].uri, line = r[1].range.start.line } end
  end
  step("definition", target)

  -- The user fixes the number by typing: the diagnostic goes away.
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buffer, 0, -1, false)) do
    if line:find("^## Sak 03/25") then
      vim.api.nvim_buf_set_lines(buffer, i - 1, i, false, { (line:gsub("^## Sak 03/25", "## Sak 04/25")) })
      break
    end
  end
  vim.wait(10000, function() return #vim.diagnostic.get(buffer) == 0 end, 50)
  step("after_fix", #vim.diagnostic.get(buffer))

  -- Formatting as `referat fmt` does it, applied to the buffer: first made
  -- untidy as a hurried secretary leaves it (blank lines, a keyword in
  -- capitals).
  local untidy = {}
  for _, line in ipairs(vim.api.nvim_buf_get_lines(buffer, 0, -1, false)) do
    if line == "### Vedtak" then line = "### VEDTAK" end
    table.insert(untidy, line)
    if line:find("^## Sak") then table.insert(untidy, "") table.insert(untidy, "") end
  end
  vim.api.nvim_buf_set_lines(buffer, 0, -1, false, untidy)
  step("before_format", table.concat(untidy, "\n"))
  vim.lsp.buf.formatting_sync(nil, 10000)
  step("formatted", table.concat(vim.api.nvim_buf_get_lines(buffer, 0, -1, false), "\n"))
  vim.lsp.stop_client(client_id)
end)
result.error = ok and vim.NIL or tostring(failure)
finish()
