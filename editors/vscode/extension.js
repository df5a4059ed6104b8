// The brazelint extension: starts `brazelint lsp` for the JSON files the
// brazelint.files setting matches, and restarts it when a setting changes.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function start() {
  const settings = vscode.workspace.getConfiguration('brazelint');
  const command = settings.get('path') || 'brazelint';
  const files = settings.get('files') || [];
  const selector = [];
  for (const pattern of files) {
    for (const language of ['json', 'jsonc']) {
      selector.push({ scheme: 'file', language, pattern });
    }
  }
  client = new LanguageClient(
    'brazelint',
    'brazelint',
    { command, args: ['lsp'], transport: TransportKind.stdio },
    {
      documentSelector: selector,
      // The server re-reads a .brazelint.yaml when it changes.
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher('**/.brazelint.{yaml,yml}'),
      },
    },
  );
  return client.start();
}

async function stop() {
  if (client) {
    const c = client;
    client = undefined;
    await c.stop();
  }
}

function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('brazelint')) {
        await stop();
        await start();
      }
    }),
    { dispose: stop },
  );
  return start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
