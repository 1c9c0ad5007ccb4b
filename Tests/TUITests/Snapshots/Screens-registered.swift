// The "registered" scene, recorded by ScreenSnapshotTests with SWITCHBOARD_RECORD_SNAPSHOTS=1.
// Reviewed by hand: what a user sees, framed to show the exact width.
extension RecordedScreens {
    static let registered: [String: String] = [
        "80x24": #"""
        +--------------------------------------------------------------------------------+
        | Buddies 0                      │─ Calls 0 ─────────────────────────────────────|
        | no buddies yet                 │ no calls                                      |
        |                                │─ Events ──────────────────────────────────────|
        |                                │ 09:26:00 registration alice: registering      |
        |                                │ 09:26:00 registration alice: registered (expi…|
        |                                │ 09:26:00 transport: connected udp 127.0.0.1:5…|
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
        | alice@example.test  ● registered  until 09:36  presence off         sip  09:26 |
        | ? help  : command  / filter  Tab pane  d dial  q quit                          |
        +--------------------------------------------------------------------------------+

        """#,
        "60x20": #"""
        +------------------------------------------------------------+
        | Buddies 0              │─ Calls 0 ─────────────────────────|
        | no buddies yet         │ no calls                          |
        |                        │─ Events ──────────────────────────|
        |                        │ 09:26:00 registration alice: regi…|
        |                        │ 09:26:00 registration alice: regi…|
        |                        │ 09:26:00 transport: connected udp…|
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
        | alice@example.test  ● registered  until 09:36   sip  09:26 |
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
        | alice@example.te…  ● registered  09:26 |
        | ? help  : command  / filter  Tab pane …|
        +----------------------------------------+

        """#,
        "20x5": #"""
        +--------------------+
        |Buddies 0           |
        | no buddies yet     |
        |                    |
        | ● registered       |
        | ? help  : command …|
        +--------------------+

        """#,
    ]
}
