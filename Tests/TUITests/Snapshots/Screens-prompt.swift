// The "prompt" scene, recorded by ScreenSnapshotTests with SWITCHBOARD_RECORD_SNAPSHOTS=1.
// Reviewed by hand: what a user sees, framed to show the exact width.
extension RecordedScreens {
    static let prompt: [String: String] = [
        "80x24": #"""
        +--------------------------------------------------------------------------------+
        | Buddies 2/6 · 1 pending        │─ Calls 1 ─────────────────────────────────────|
        | /o                             │ → Bob Smith <sip:bob@example.test> active 1:23|
        | Wants to see you (1)           │─ Events ──────────────────────────────────────|
        |  ◇ Carol  sip:carol@example.te…│ 09:26:00 registration alice: registering      |
        | ▾ Team 2/4                     │ 09:26:00 registration alice: registered (expi…|
        |  ● Bob Smith  in the lab   idle│ 09:26:00 transport: connected udp 127.0.0.1:5…|
        |  ◉ Zoë Ångström            ring│                                               |
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
        | alice@example.test  ● registered  until 09:36                       sip  09:26 |
        |:options sip:王小明@example.test                                                |
        +--------------------------------------------------------------------------------+

        """#,
        "60x20": #"""
        +------------------------------------------------------------+
        | Buddies 2/6 · 1 pendin…│─ Calls 1 ─────────────────────────|
        | /o                     │ → Bob Smith <sip:bob@… active 1:23|
        | Wants to see you (1)   │─ Events ──────────────────────────|
        |  ◇ Carol  sip:carol@ex…│ 09:26:00 registration alice: regi…|
        | ▾ Team 2/4             │ 09:26:00 registration alice: regi…|
        |  ● Bob Smith  in … idle│ 09:26:00 transport: connected udp…|
        |  ◉ Zoë Ångström    ring│                                   |
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
        |:options sip:王小明@example.test                            |
        +------------------------------------------------------------+

        """#,
        "40x10": #"""
        +----------------------------------------+
        |Buddies 2/6 · 1 pending Calls Events    |
        | /o                                     |
        | Wants to see you (1)                   |
        |  ◇ Carol  sip:carol@example.test       |
        | ▾ Team 2/4                             |
        |  ● Bob Smith  in the lab           idle|
        |  ◉ Zoë Ångström                    ring|
        |                                        |
        | alice@example.te…  ● registered  09:26 |
        |:options sip:王小明@example.test        |
        +----------------------------------------+

        """#,
        "20x5": #"""
        +--------------------+
        |Buddies 2/6 · 1 pen…|
        | /o                 |
        |  ● Bob Smith   idle|
        | ● registered       |
        |:小明@example.test  |
        +--------------------+

        """#,
    ]
}
