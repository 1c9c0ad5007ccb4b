/// The control socket's wire protocol, in one place for script writers and
/// for whoever changes the code. The types named here implement it.
///
/// ## Framing
/// UTF-8 text, one JSON object per line, lines end in "\n" ("\r\n" is
/// accepted, empty lines are skipped). A request line may be at most
/// `ControlServerConfiguration.maxLineBytes` long (1 MiB by default).
///
/// ## Requests (client to server)
/// Exactly one of `command`, `subscribe`, `snapshot`, plus an `id` (a string
/// or a number, echoed back unchanged). No other members.
///
///     {"id": 1, "command": "register --json"}
///     {"id": "s", "subscribe": ["registration", "call"]}
///     {"id": 2, "subscribe": "*"}
///     {"id": 3, "subscribe": []}
///     {"id": 4, "snapshot": true}
///
/// `command` is one command line; the handler splits it with
/// `CommandLineSplitter` and hands the words to the command grammar.
/// `subscribe` *replaces* the connection's event filter: a list of event
/// names, `"*"` (or `"*"` in the list) for all, `[]` for none. Its reply's
/// data is `{"subscribed": [...]}`, the sorted names or `["*"]`. An event
/// is matched against the filter when it is published: every event
/// published after the reply was sent matches the new filter, and one
/// published earlier may still arrive after the reply.
///
/// ## Replies (server to client)
///
///     {"id": 1, "ok": true, "data": <any JSON>}
///     {"id": 1, "ok": false, "error": {"code": <number or string>, "message": "..."}}
///
/// Each request gets exactly one reply, in the order the requests were sent,
/// whatever kind of request it was: the server answers one request per
/// connection at a time. `id` is null when the line was not read far enough
/// to find one.
///
/// ## Events (server to client)
///
///     {"event": "call", "data": <any JSON>}
///
/// Only to connections whose filter matches, interleaved with replies as
/// they happen. A client that leaves more than
/// `ControlServerConfiguration.maxOutboundBytesPerClient` unread is
/// disconnected.
///
/// ## Errors the protocol itself answers with
/// - `bad-json`: not JSON (syntax, raw NUL bytes, invalid UTF-8, nesting
///   deeper than 16). The connection stays open.
/// - `bad-request`: JSON but not a request: not an object, `id` missing or
///   not a string or number, none or more than one of the three actions, a
///   member of the wrong type, an unknown member, a duplicate member, a NUL
///   in `command`. The connection stays open.
/// - `line-too-long`: the line passed the limit. The server answers (id
///   null) after the replies still due and closes the connection: the rest
///   of the stream can no longer be framed.
///
/// Command errors are the handler's: the command grammar's exit codes as
/// numbers. See `ControlErrorCode`.
///
/// ## Connections
/// A partial line followed by a disconnect is dropped silently. A client may
/// shut down its sending side: the requests it completed are answered, then
/// the server closes. Only processes of the user the instance runs as can
/// connect (`SO_PEERCRED`); others are closed before anything is read.
public enum ControlProtocol {}
