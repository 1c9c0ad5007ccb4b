// The "populated" scene, recorded by ScreenSnapshotTests with SWITCHBOARD_RECORD_SNAPSHOTS=1.
// Reviewed by hand: what a user sees, framed to show the exact width.
extension RecordedScreens {
    static let populated: [String: String] = [
        "80x24": #"""
        +--------------------------------------------------------------------------------+
        | Buddies 6 · 1 pending          │─ Calls 1 ─────────────────────────────────────|
        | Wants to see you (1)           │ → Bob Smith <sip:bob@example.test> active 1:23|
        |  ◇ Carol  sip:carol@example.te…│─ Events ──────────────────────────────────────|
        | ▾ Team (4)                     │ 09:26:00 registration alice: registering      |
        |  ● Bob Smith  in the … idle    │ 09:26:00 registration alice: registered (expi…|
        |  ⊘ 王小明  会议中      busy  *2│ 09:26:00 transport: connected udp 127.0.0.1:5…|
        |  ◐ さくら  戻りました          │                                               |
        |  ◉ Zoë Ångström        ring    │                                               |
        | ▾ Family (2)                   │                                               |
        |  ○ Mum 😀                   *99│                                               |
        |  ? Renée               ??      │                                               |
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
        | ? help  : command  / filter  Tab pane  d dial  q quit                          |
        +--------------------------------------------------------------------------------+

        """#,
        "60x20": #"""
        +------------------------------------------------------------+
        | Buddies 6 · 1 pending  │─ Calls 1 ─────────────────────────|
        | Wants to see you (1)   │ → Bob Smith <sip:bob@… active 1:23|
        |  ◇ Carol  sip:carol@ex…│─ Events ──────────────────────────|
        | ▾ Team (4)             │ 09:26:00 registration alice: regi…|
        |  ● Bob Smith   idle    │ 09:26:00 registration alice: regi…|
        |  ⊘ 王小明      busy  *2│ 09:26:00 transport: connected udp…|
        |  ◐ さくら              │                                   |
        |  ◉ Zoë Ångstr… ring    │                                   |
        | ▾ Family (2)           │                                   |
        |  ○ Mum 😀           *99│                                   |
        |  ? Renée       ??      │                                   |
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
        |Buddies 6 · 1 pending Calls Events      |
        | Wants to see you (1)                   |
        |  ◇ Carol  sip:carol@example.test       |
        | ▾ Team (4)                             |
        |  ● Bob Smith  in the lab       idle    |
        |  ⊘ 王小明  会议中              busy  *2|
        |  ◐ さくら  戻りました                  |
        |  ◉ Zoë Ångström                ring    |
        | alice@example.te…  ● registered  09:26 |
        | ? help  : command  / filter  Tab pane …|
        +----------------------------------------+

        """#,
        "20x5": #"""
        +--------------------+
        |Buddies 6 · 1 pendi…|
        | ▾ Team (4)         |
        |  ● Bob Smith   idle|
        | ● registered       |
        | ? help  : command …|
        +--------------------+

        """#,
    ]
}
