import Foundation
import Media
import NIOCore
import SIPCore
import SIPUA
import Store

/// A call's media and its history record.
extension PhoneCore {
    /// Opens the devices and binds the RTP/RTCP pair before the offer (which
    /// must name the port). Nothing is sent or read from the source until
    /// the offer/answer agrees (the session starts inactive).
    func startMedia(account: String, audio: CallAudio) async throws(PhoneError) -> (RTPMediaSession, OfferAnswerSession) {
        let host = telephony.mediaHosts[account] ?? "127.0.0.1"
        let source: any AudioSource
        let sink: any AudioSink
        do {
            source = try openDevice(audio.source) { try $0.openSource() }
        } catch {
            throw .media("source '\(audio.source)': \(error)")
        }
        do {
            sink = try openDevice(audio.sink) { try $0.openSink() }
        } catch {
            source.close()
            throw .media("sink '\(audio.sink)': \(error)")
        }
        let user = routes[account]?.addressOfRecord.user ?? "switchboard"
        let configuration = RTPMediaSession.Configuration(
            localHost: host, localPort: 0, remoteRTP: nil,
            media: MediaSessionConfiguration(codec: .pcmu, direction: .inactive, canonicalName: "\(user)@\(host)"))
        let media: RTPMediaSession
        do {
            media = try await RTPMediaSession.start(configuration, source: source, sink: sink)
        } catch {
            throw .media("\(error)")
        }
        let capabilities = AudioCapabilities(address: host, port: media.localRTPAddress.port ?? 0)
        let session = OfferAnswerSession(capabilities: capabilities, sessionID: UInt64.random(in: 1..<(1 << 62)),
                                         username: user)
        return (media, session)
    }

    /// Opens a device; the default ALSA device falls back to null (with a
    /// notice) on a machine without a sound card, so calls still work.
    private func openDevice<Device>(_ text: String,
                                    _ open: (AudioDeviceSpecification) throws -> Device) throws -> Device {
        let specification = try AudioDeviceSpecification(parsing: text)
        if specification == .alsa(name: "default"), !Self.hasSoundCard {
            // ALSA would print its own errors to stderr (into the TUI) first
            broadcaster.yield(.notice("no sound card; this call's audio is silent"))
            return try open(.null)
        }
        do {
            return try open(specification)
        } catch {
            guard specification == .alsa(name: "default") else { throw error }
            broadcaster.yield(.notice("no sound device (\(error)); this call's audio is silent"))
            return try open(.null)
        }
    }

    /// Whether the kernel knows a sound card (ALSA lists them in /proc).
    static var hasSoundCard: Bool {
        guard let cards = try? String(contentsOfFile: "/proc/asound/cards", encoding: .utf8) else { return false }
        return !cards.contains("no soundcards") && !cards.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// Points the media where the offer/answer says, in the codec and
    /// direction agreed.
    func configureMedia(_ handle: CallHandle, _ audio: NegotiatedAudio) {
        updateCall(handle) { $0.codec = "\(audio.codec.name)/\(audio.codec.clockRate)" }
        guard let media = telephony.entries[handle]?.media else { return }
        let codec = Media.AudioCodec(payloadType: UInt8(clamping: audio.codec.payloadType)) ?? .pcmu
        media.setFormat(codec: codec, telephoneEventPayloadType: audio.telephoneEventPayloadType.map { UInt8(clamping: $0) })
        if audio.remotePort > 0, let rtp = try? SocketAddress(ipAddress: audio.remoteAddress, port: audio.remotePort) {
            let rtcp = try? SocketAddress(ipAddress: audio.remoteRTCPAddress, port: audio.remoteRTCPPort)
            media.setRemote(rtp: rtp, rtcp: rtcp)
        }
        let direction = Media.MediaDirection(rawValue: audio.localDirection.rawValue) ?? .sendrecv
        media.setDirection(audio.remotePort > 0 ? direction : .inactive)
    }

    /// Follows the media's events (DTMF, quality) for as long as it runs.
    func followMedia(_ handle: CallHandle) {
        guard let media = telephony.entries[handle]?.media else { return }
        let stream = media.events
        telephony.entries[handle]?.mediaEvents = Task { [weak self] in
            for await event in stream { await self?.mediaEvent(event, call: handle) }
        }
    }

    private func mediaEvent(_ event: RTPMediaSession.Event, call handle: CallHandle) {
        switch event {
        case .dtmf(let digit):
            dtmfReceived(digit, call: handle)
        case .quality(let quality):
            updateCall(handle, announce: false) {
                $0.quality = CallSnapshot.Quality(
                    lossPercent: quality.lossPercent, jitterMilliseconds: quality.jitterMilliseconds,
                    roundTripMilliseconds: quality.roundTripMilliseconds, packetsReceived: quality.packetsReceived,
                    packetsExpected: quality.packetsExpected)
            }
        case .remoteSourceChanged, .remoteGoodbye:
            break
        }
    }

    func dtmfReceived(_ digit: DTMFDigit, call handle: CallHandle) {
        updateCall(handle) { $0.dtmfReceived.append(digit.character) }
        if let id = telephony.entries[handle]?.snapshot.id {
            broadcaster.yield(.dtmf(call: id, digit: String(digit.character)))
        }
    }

    /// Stops the media (a recording is complete on disk when this returns).
    func stopMedia(_ handle: CallHandle) async {
        guard let entry = telephony.entries[handle] else { return }
        telephony.entries[handle]?.media = nil
        if let media = entry.media {
            do {
                try await media.stop()
            } catch {
                broadcaster.yield(.notice("call \(entry.snapshot.id): recording not saved: \(error)"))
            }
        }
        entry.mediaEvents?.cancel()
    }

    // MARK: History

    /// The history store, opened on first use; nil (and one notice) when it
    /// cannot be opened: calls go on without history.
    /// The database this instance holds open (nil when it keeps none), for
    /// commands run at its prompt or socket.
    public func openStore() -> SwitchboardStore? { historyStore() }

    func historyStore() -> SwitchboardStore? {
        if telephony.storeOpened { return telephony.store }
        telephony.storeOpened = true
        guard let path = options.historyPath else { return nil }
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            telephony.store = try SwitchboardStore(path: path)
        } catch {
            broadcaster.yield(.notice("call history unavailable: \(error)"))
        }
        return telephony.store
    }

    func historyBegin(_ snapshot: CallSnapshot) async -> CallRecord.ID? {
        guard let store = historyStore() else { return nil }
        let record = try? await store.callHistory.begin(
            account: snapshot.account, direction: snapshot.direction == .incoming ? .incoming : .outgoing,
            peerURI: snapshot.peer, peerDisplayName: snapshot.peerName, at: snapshot.startedAt)
        return record?.id
    }

    func historyAnswered(_ handle: CallHandle) async {
        guard let entry = telephony.entries[handle], let id = entry.historyID, let store = telephony.store else { return }
        _ = try? await store.callHistory.answered(id, at: entry.snapshot.answeredAt ?? Date(), codec: entry.snapshot.codec)
    }

    func historyEnded(_ snapshot: CallSnapshot, id: CallRecord.ID?) async {
        guard let id, let store = telephony.store else { return }
        _ = try? await store.callHistory.ended(id, at: snapshot.endedAt ?? Date(), result: Self.result(of: snapshot))
    }

    /// How the history names the way a call ended.
    static func result(of call: CallSnapshot) -> CallResult {
        if call.answeredAt != nil { return .answered }
        switch (call.direction, call.endReason) {
        case (.incoming, "rejected"): return .rejected
        case (.incoming, _): return .missed
        case (.outgoing, "cancelled"), (.outgoing, "local-bye"): return .cancelled
        default:
            switch call.statusCode {
            case 486, 600: return .busy
            case let code? where (300...699).contains(code): return .failed(statusCode: code)
            default: return .failed(statusCode: call.endReason == "timeout" ? 408 : 503)
            }
        }
    }
}
