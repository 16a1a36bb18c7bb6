// A minimal VS Code extension: it starts `referat lsp` for the Markdown
// files of a workspace that holds a referat.yaml, and leaves everything else
// to the server. Install: copy this folder to ~/.vscode/extensions/referat,
// run `npm install --omit=dev` in it, restart VS Code.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("referat").get("path") || "referat";
  client = new LanguageClient(
    "referat",
    "referat",
    { command, args: ["lsp"] },
    { documentSelector: [{ scheme: "file", language: "markdown" }] }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
