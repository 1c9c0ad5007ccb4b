import Foundation
import Media
import SIPCore
import SIPUA
import Store

/// Where a call's audio comes from and goes to, as device specifications
/// ("alsa", "file:PATH", "tone:440", "null").
public struct CallAudio: Sendable, Equatable {
    public var source: String
    public var sink: String

    public init(source: String = "alsa", sink: String = "alsa") {
        self.source = source
        self.sink = sink
    }

    /// What is wrong with these devices, nil when both can be used: a
    /// specification that does not parse, or a WAV source that is not a
    /// readable file. A daemon checks this once at start, not per call.
    public var problem: String? {
        for (role, text) in [("source", source), ("sink", sink)] {
            let specification: AudioDeviceSpecification
            do { specification = try AudioDeviceSpecification(parsing: text) } catch { return "\(role) \"\(text)\": \(error)" }
            if role == "source", case .file(let path, _) = specification, !FileManager.default.isReadableFile(atPath: path) {
                return "source \"\(text)\": no readable file at \(path)"
            }
        }
        return nil
    }
}

/// How incoming calls are met: `autoAnswer` picks them up after that long
/// (daemons for scripts and tests); nil lets them ring until the user acts.
public struct CallPolicy: Sendable, Equatable {
    public var audio: CallAudio
    public var autoAnswer: Duration?
    /// Play the source to callers while it rings (183 Session Progress with
    /// our answer, RFC 3960): an announcement before the answer.
    public var earlyMedia: Bool

    public init(audio: CallAudio = CallAudio(), autoAnswer: Duration? = nil, earlyMedia: Bool = false) {
        self.audio = audio
        self.autoAnswer = autoAnswer
        self.earlyMedia = earlyMedia
    }
}

/// The calls' part of PhoneCore's state, in one value so the actor's own
/// declaration stays short.
struct Telephony {
    var policy = CallPolicy()
    var entries: [CallHandle: CallEntry] = [:]
    /// Updates for a call PhoneCore has not recorded yet (the user agent can
    /// answer before `placeCall` returns), replayed when it is.
    var early: [CallHandle: [CallUpdate]] = [:]
    /// Calls recorded at some point (live or ended): their late updates are
    /// not kept for a replay.
    var known: Set<CallHandle> = []
    /// The last calls that ended, newest last, for the snapshot and waiters.
    var ended: [CallSnapshot] = []
    var waiters: [UUID: CallWaiter] = [:]
    /// Our RTP address per account: the address of our SIP contact.
    var mediaHosts: [String: String] = [:]
    var store: SwitchboardStore?
    var storeOpened = false

    static let endedKept = 20

    struct CallWaiter {
        var call: Int
        var until: @Sendable (CallSnapshot) -> Bool
        var continuation: CheckedContinuation<CallSnapshot?, Never>
        /// Resumes with the call as it is when the timeout passes; cancelled
        /// when the call gets there first (a `call` may wait a day).
        var timer: Task<Void, Never>
    }

    func snapshot(of id: Int) -> CallSnapshot? {
        entries.values.first { $0.snapshot.id == id }?.snapshot ?? ended.last { $0.id == id }
    }

    func handle(of id: Int) -> CallHandle? {
        entries.first { $0.value.snapshot.id == id }?.key
    }
}

/// One live call in PhoneCore: what it shows, its offer/answer state, its media.
struct CallEntry {
    var snapshot: CallSnapshot
    var offerAnswer: OfferAnswerSession
    var media: RTPMediaSession?
    var mediaEvents: Task<Void, Never>?
    var historyID: CallRecord.ID?
    /// The INVITE's offer, answered when the user answers.
    var remoteOffer: MessageBody?
    /// Our answer already sent in a 183 (early media): the 200 repeats it.
    var earlyAnswer: SessionDescription?
    /// This call was placed because the peer of that call asked (REFER).
    var transferOf: CallHandle?
    /// The transferor has been told this call's final outcome (2xx, or the
    /// failure when it ended): RFC 3515 allows one final NOTIFY.
    var transferReported = false
    var autoAnswer: Task<Void, Never>?
}
