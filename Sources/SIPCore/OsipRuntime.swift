import COsipShim

/// The one place libosip2 is initialised. `parser_init()` must run exactly once
/// before any parse (without it osip segfaults in its header table), and osip's
/// trace must be routed away from stdout before the first diagnostic.
public enum OsipRuntime {
    private static let ready: Bool = sh_osip_setup() == 0

    /// Call before using osip; cheap after the first call.
    @discardableResult
    public static func ensureReady() -> Bool { ready }

    /// Send osip's own diagnostics to stderr (off by default: they are dropped).
    public static func traceToStandardError(_ enabled: Bool) {
        ensureReady()
        sh_osip_trace_to_stderr(enabled ? 1 : 0)
    }
}
