-- Opens a plan in Neovim (0.7 or later, headless), starts `plan43 lsp --stdio` with Neovim's own LSP client, waits for the diagnostics of the plan and writes them as JSON.
--
-- Run as: nvim --headless --clean -c "luafile neovim-diagnostics.lua", with
--   PLAN43_BIN          the plan43 command
--   PLAN43_PLAN         the plan to open
--   PLAN43_OUT          where to write the JSON
--   PLAN43_LANGUAGE_ID  optional: the language id to send instead of the filetype (as eglot 1.9
--                       sends one id for every file)
--   PLAN43_WAIT_MS      how long to wait for the diagnostics before giving up
-- The JSON holds what Neovim shows (vim.diagnostic, columns turned back from bytes into UTF-16
-- code units), what the server published, and the server's name and whether it offered pull
-- diagnostics.

local bin = os.getenv('PLAN43_BIN')
local plan = os.getenv('PLAN43_PLAN')
local out = os.getenv('PLAN43_OUT')
local language_id = os.getenv('PLAN43_LANGUAGE_ID')
local wait_ms = tonumber(os.getenv('PLAN43_WAIT_MS') or '') or 60000

local function finish(result)
  local file = io.open(out, 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qall!')
end

vim.cmd('edit ' .. vim.fn.fnameescape(plan))
local buf = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(buf)

-- Neovim's handler stores the diagnostics; this one also keeps what arrived, as it arrived.
local published = nil
local default_handler = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  default_handler(err, result, ctx, config)
  if result and result.uri == uri then
    published = result
  end
end

local server_info = nil
local config = {
  name = 'plan43',
  cmd = { bin, 'lsp', '--stdio' },
  root_dir = vim.fn.fnamemodify(plan, ':p:h'),
  on_init = function(_, result)
    server_info = result.serverInfo
  end,
}
if language_id and language_id ~= '' then
  config.get_language_id = function()
    return language_id
  end
end
local client_id = vim.lsp.start_client(config)
if not client_id then
  finish({ error = 'vim.lsp.start_client failed' })
  return
end
vim.lsp.buf_attach_client(buf, client_id)

-- Not a time limit on the server: a guard so that a broken set-up ends instead of hanging.
local arrived = vim.wait(wait_ms, function()
  return published ~= nil
end, 50)
if not arrived then
  finish({ error = 'no diagnostics were published for ' .. uri })
  return
end

local client = vim.lsp.get_client_by_id(client_id)
local shown = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1] or ''
  local _, utf16 = vim.str_utfindex(line, math.min(d.col, #line))
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(shown, {
    code = d.code or lsp.code,
    line = d.lnum,
    character = utf16,
    severity = d.severity,
    message = d.message,
  })
end
finish({
  server = client.server_capabilities and client.server_capabilities.diagnosticProvider ~= nil and 'pull' or 'push',
  serverName = server_info and server_info.name or vim.NIL,
  nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch),
  shown = shown,
  published = published.diagnostics,
})
