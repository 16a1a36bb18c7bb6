/* lsp: `referat lsp`, the language server (LSP 3.17 over stdio, JSON-RPC
 * 2.0 with Content-Length framing). It keeps the open documents' unsaved
 * text as overlays over the files on disk, checks the project of each on
 * every change, and publishes every file's diagnostics; it answers hover,
 * definition and references on case references and headings, formatting
 * (format.c), the certain fixes (fix.c) as a code action, and completion
 * of roster names and field keys. */
#ifndef REFERAT_LSP_H
#define REFERAT_LSP_H

#include <stdio.h>

/* Serves until `exit` (or the end of input); returns the exit status: 0
 * after shutdown then exit, 1 otherwise. Logs to stderr only. */
int lsp_serve(FILE *in, FILE *out);

#endif
