// The "failed" scene, recorded by ScreenSnapshotTests with SWITCHBOARD_RECORD_SNAPSHOTS=1.
// Reviewed by hand: what a user sees, framed to show the exact width.
extension RecordedScreens {
    static let failed: [String: String] = [
        "80x24": #"""
        +--------------------------------------------------------------------------------+
        |─ Buddies 0 ────────────────────│─ Calls 0 ─────────────────────────────────────|
        | no buddies yet                 │ no calls                                      |
        |                                │ Events                                        |
        |                                │ 09:26:00 registration alice: failed: no answe…|
        |                                │                                               |
        |                                │                                               |
        |                                │                                               |
        |                                │                                               |
        |                                │                                               |
        |                                │                                               |
        |                                │                                               |
        |                                │                                               |
        |                                │                                               |
        |                                │                                               |
        |                                │                                               |
        |                                │                                               |
        |                                │                                               |
        |                                │                                               |
        |                                │                                               |
        |                                │                                               |
        |                                │                                               |
        |                                │                                               |
        | alice@example.test  ✗ not registered  no answer from th…  retry in 30 s  09:26 |
        | ? help  : command  / filter  Tab pane  d dial  q quit                          |
        +--------------------------------------------------------------------------------+

        """#,
        "60x20": #"""
        +------------------------------------------------------------+
        |─ Buddies 0 ────────────│─ Calls 0 ─────────────────────────|
        | no buddies yet         │ no calls                          |
        |                        │ Events                            |
        |                        │ 09:26:00 registration alice: fail…|
        |                        │                                   |
        |                        │                                   |
        |                        │                                   |
        |                        │                                   |
        |                        │                                   |
        |                        │                                   |
        |                        │                                   |
        |                        │                                   |
        |                        │                                   |
        |                        │                                   |
        |                        │                                   |
        |                        │                                   |
        |                        │                                   |
        |                        │                                   |
        | alice@example.test  ✗ not registered  retry in 30 s  09:26 |
        | ? help  : command  / filter  Tab pane  d dial  q quit      |
        +------------------------------------------------------------+

        """#,
        "40x10": #"""
        +----------------------------------------+
        |Buddies Calls Events                    |
        | 09:26:00 registration alice: failed: n…|
        |                                        |
        |                                        |
        |                                        |
        |                                        |
        |                                        |
        |                                        |
        | alice@exampl…  ✗ not registered  09:26 |
        | ? help  : command  / filter  Tab pane …|
        +----------------------------------------+

        """#,
        "20x5": #"""
        +--------------------+
        |Buddies Calls Events|
        | registration alice…|
        |                    |
        | ✗ not registered   |
        | ? help  : command …|
        +--------------------+

        """#,
    ]
}
