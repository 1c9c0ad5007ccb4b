// The "incoming" scene, recorded by ScreenSnapshotTests with SWITCHBOARD_RECORD_SNAPSHOTS=1.
// Reviewed by hand: what a user sees, framed to show the exact width.
extension RecordedScreens {
    static let incoming: [String: String] = [
        "80x24": #"""
        +--------------------------------------------------------------------------------+
        | Buddies 6 · 1 pending          │─ Calls 1 ─────────────────────────────────────|
        | Wants to see you (1)           │ ← 王小明 <sip:wang@example.test>       ringing|
        |  ◇ Carol  sip:carol@example.te…│─ Events ──────────────────────────────────────|
        | ▾ Team (4)                     │ 09:26:00 registration alice: registering      |
        |  ● Bob Smith  in the … idle    │ 09:26:00 registration alice: registered (expi…|
        |  ⊘ 王小明  会议中      busy  *2│ 09:26:00 transport: connected udp 127.0.0.1:5…|
        |  ◐ さくら  戻りました          │                                               |
        |  ◉ Zoë Ångström        ring    │                                               |
        | ▾ Family (2)          ┌─ Incoming call ───────────────┐                        |
        |  ○ Mum 😀             │ 王小明                        │                        |
        |  ? Renée              │ sip:wang@example.test         │                        |
        |                       │                               │                        |
        |                       │ a answer  r reject  Esc later │                        |
        |                       └───────────────────────────────┘                        |
        |                                │                                               |
        |                                │                                               |
        |                                │                                               |
        |                                │                                               |
        |                                │                                               |
        |                                │                                               |
        |                                │                                               |
        |                                │                                               |
        | alice@example.test  ● registered  until 09:36                       sip  09:26 |
        | a answer  r reject  Esc later                                                  |
        +--------------------------------------------------------------------------------+

        """#,
        "60x20": #"""
        +------------------------------------------------------------+
        | Buddies 6 · 1 pending  │─ Calls 1 ─────────────────────────|
        | Wants to see you (1)   │ ← 王小明 <sip:wang@exampl… ringing|
        |  ◇ Carol  sip:carol@ex…│─ Events ──────────────────────────|
        | ▾ Team (4)             │ 09:26:00 registration alice: regi…|
        |  ● Bob Smith   idle    │ 09:26:00 registration alice: regi…|
        |  ⊘ 王小明      busy  *2│ 09:26:00 transport: connected udp…|
        |  ◐ さくら   ┌─ Incoming call ───────────────┐              |
        |  ◉ Zoë Ångst│ 王小明                        │              |
        | ▾ Family (2)│ sip:wang@example.test         │              |
        |  ○ Mum 😀   │                               │              |
        |  ? Renée    │ a answer  r reject  Esc later │              |
        |             └───────────────────────────────┘              |
        |                        │                                   |
        |                        │                                   |
        |                        │                                   |
        |                        │                                   |
        |                        │                                   |
        |                        │                                   |
        | alice@example.test  ● registered  until 09:36   sip  09:26 |
        | a answer  r reject  Esc later                              |
        +------------------------------------------------------------+

        """#,
        "40x10": #"""
        +----------------------------------------+
        |Buddies 6 · 1 pending Calls Events      |
        | Wa┌─ Incoming call ───────────────┐    |
        |  ◇│ 王小明                        │    |
        | ▾ │ sip:wang@example.test         │    |
        |  ●│                               │    |
        |  ⊘│ a answer  r reject  Esc later │  *2|
        |  ◐└───────────────────────────────┘    |
        |  ◉ Zoë Ångström                ring    |
        | alice@example.te…  ● registered  09:26 |
        | a answer  r reject  Esc later          |
        +----------------------------------------+

        """#,
        "20x5": #"""
        +--------------------+
        |┌─ Incoming call ──┐|
        |│ 王小明           │|
        |└──────────────────┘|
        | ● registered       |
        | a answer  r reject…|
        +--------------------+

        """#,
    ]
}
