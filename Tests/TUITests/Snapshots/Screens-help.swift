// The "help" scene, recorded by ScreenSnapshotTests with SWITCHBOARD_RECORD_SNAPSHOTS=1.
// Reviewed by hand: what a user sees, framed to show the exact width.
extension RecordedScreens {
    static let help: [String: String] = [
        "80x24": #"""
        +--------------------------------------------------------------------------------+
        | Buddies┌─ Keys (?/F1 closes) ─────────────────────────────────────────┐────────|
        | no budd│ Calls                                                        │        |
        |        │ d         dial (the selected buddy)                          │────────|
        |        │ a         answer the ringing call                            │ng      |
        |        │ r         reject the ringing call                            │d (expi…|
        |        │ h         hang up                                            │0.0.1:5…|
        |        │ H         hold / resume                                      │        |
        |        │ t         transfer the call                                  │        |
        |        │ #         send DTMF digits                                   │        |
        |        │                                                              │        |
        |        │ Presence                                                     │        |
        |        │ s         set your status                                    │        |
        |        │ n         set your note                                      │        |
        |        │ +         add a buddy                                        │        |
        |        │ -         remove the selected buddy                          │        |
        |        │ m         message the selected buddy                         │        |
        |        │ y         let the selected watcher see you                   │        |
        |        │ b         block the selected watcher                         │        |
        |        │                                                              │        |
        |        │ Screen                                                       │        |
        |        │ ?/F1      this help                                          │        |
        |        └──────────────────────────────────────────────────────────────┘        |
        | alice@example.test  ● registered  until 09:36  presence off         sip  09:26 |
        | Up/Down scroll  Esc close                                                      |
        +--------------------------------------------------------------------------------+

        """#,
        "60x20": #"""
        +------------------------------------------------------------+
        |┌─ Keys (?/F1 closes) ─────────────────────────────────────┐|
        |│ Calls                                                    │|
        |│ d         dial (the selected buddy)                      │|
        |│ a         answer the ringing call                        │|
        |│ r         reject the ringing call                        │|
        |│ h         hang up                                        │|
        |│ H         hold / resume                                  │|
        |│ t         transfer the call                              │|
        |│ #         send DTMF digits                               │|
        |│                                                          │|
        |│ Presence                                                 │|
        |│ s         set your status                                │|
        |│ n         set your note                                  │|
        |│ +         add a buddy                                    │|
        |│ -         remove the selected buddy                      │|
        |│ m         message the selected buddy                     │|
        |│ y         let the selected watcher see you               │|
        |└──────────────────────────────────────────────────────────┘|
        | alice@example.test  ● registered  until 09:36   sip  09:26 |
        | Up/Down scroll  Esc close                                  |
        +------------------------------------------------------------+

        """#,
        "40x10": #"""
        +----------------------------------------+
        |┌─ Keys (?/F1 closes) ─────────────────┐|
        |│ Calls                                │|
        |│ d         dial (the selected buddy)  │|
        |│ a         answer the ringing call    │|
        |│ r         reject the ringing call    │|
        |│ h         hang up                    │|
        |│ H         hold / resume              │|
        |└──────────────────────────────────────┘|
        | alice@example.te…  ● registered  09:26 |
        | Up/Down scroll  Esc close              |
        +----------------------------------------+

        """#,
        "20x5": #"""
        +--------------------+
        |┌─ Keys (?/F1 clos…┐|
        |│ Calls            │|
        |└──────────────────┘|
        | ● registered       |
        | Up/Down scroll  Es…|
        +--------------------+

        """#,
    ]
}
