// The "starting" scene, recorded by ScreenSnapshotTests with SWITCHBOARD_RECORD_SNAPSHOTS=1.
// Reviewed by hand: what a user sees, framed to show the exact width.
extension RecordedScreens {
    static let starting: [String: String] = [
        "80x24": #"""
        +--------------------------------------------------------------------------------+
        | Buddies 0                      │─ Calls 0 ─────────────────────────────────────|
        | no buddies yet                 │ no calls                                      |
        |                                │─ Events ──────────────────────────────────────|
        |                                │ no events yet                                 |
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
        | alice: starting…                                                    sip  09:26 |
        | ? help  : command  / filter  Tab pane  d dial  q quit                          |
        +--------------------------------------------------------------------------------+

        """#,
        "60x20": #"""
        +------------------------------------------------------------+
        | Buddies 0              │─ Calls 0 ─────────────────────────|
        | no buddies yet         │ no calls                          |
        |                        │─ Events ──────────────────────────|
        |                        │ no events yet                     |
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
        | alice: starting…                                sip  09:26 |
        | ? help  : command  / filter  Tab pane  d dial  q quit      |
        +------------------------------------------------------------+

        """#,
        "40x10": #"""
        +----------------------------------------+
        |Buddies 0 Calls Events                  |
        | no buddies yet                         |
        |                                        |
        |                                        |
        |                                        |
        |                                        |
        |                                        |
        |                                        |
        | alice: starting…            sip  09:26 |
        | ? help  : command  / filter  Tab pane …|
        +----------------------------------------+

        """#,
        "20x5": #"""
        +--------------------+
        |Buddies 0           |
        | no buddies yet     |
        |                    |
        | alice: starting…   |
        | ? help  : command …|
        +--------------------+

        """#,
    ]
}
