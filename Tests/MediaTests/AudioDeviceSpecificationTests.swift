import Foundation
import Testing
@testable import Media

@Suite("Audio devices named by a string")
struct AudioDeviceSpecificationTests {
    @Test("names", arguments: [
        ("null", AudioDeviceSpecification.null),
        ("none", .null),
        ("tone", .tone(frequency: 440, amplitude: 0.5)),
        ("tone:1000", .tone(frequency: 1000, amplitude: 0.5)),
        ("tone:350.5:0.1", .tone(frequency: 350.5, amplitude: 0.1)),
        ("file:/tmp/a.wav", .file(path: "/tmp/a.wav", loops: false)),
        ("loop:/tmp/b:c.wav", .file(path: "/tmp/b:c.wav", loops: true)),
        ("alsa", .alsa(name: "default")),
        ("alsa:", .alsa(name: "default")),
        ("alsa:plughw:1,0", .alsa(name: "plughw:1,0")),
    ])
    func parse(text: String, expected: AudioDeviceSpecification) throws {
        #expect(try AudioDeviceSpecification(parsing: text) == expected)
        #expect(try AudioDeviceSpecification(parsing: expected.description) == expected)
    }

    @Test("bad names", arguments: [
        ("speaker", AudioDeviceSpecification.ParseError.unknownKind("speaker")),
        ("", .unknownKind("")),
        ("tone:5000", .invalidTone("tone:5000")),
        ("tone:abc", .invalidTone("tone:abc")),
        ("tone:440:2", .invalidTone("tone:440:2")),
        ("tone:440:0.5:1", .invalidTone("tone:440:0.5:1")),
        ("file:", .missingPath("file:")),
        ("loop", .missingPath("loop")),
    ])
    func errors(text: String, expected: AudioDeviceSpecification.ParseError) {
        #expect(throws: expected) { try AudioDeviceSpecification(parsing: text) }
    }

    @Test("opening: tone and null sources, file recorder, and what cannot be opened")
    func open() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let tone = try AudioDeviceSpecification(parsing: "tone:1000").openSource()
        #expect(Goertzel.relativePower(of: 1000, in: tone.nextFrame()!.samples) > 0.99)
        #expect(try AudioDeviceSpecification.null.openSource().nextFrame() == .silence)
        let path = directory.path("out.wav")
        let recorder = try AudioDeviceSpecification.file(path: path, loops: false).openSink()
        recorder.play(AudioFrame(samples: sine(frequency: 440, count: 160)))
        try recorder.close()
        let source = try AudioDeviceSpecification.file(path: path, loops: false).openSource()
        #expect(source.nextFrame() == AudioFrame(samples: sine(frequency: 440, count: 160)))
        #expect(throws: AudioDeviceSpecification.OpenError.notASink(.tone(frequency: 440, amplitude: 0.5))) {
            try AudioDeviceSpecification(parsing: "tone").openSink()
        }
        #expect(throws: AudioDeviceSpecification.OpenError.self) {
            try AudioDeviceSpecification.file(path: directory.path("missing.wav"), loops: true).openSource()
        }
        #expect(throws: AudioDeviceSpecification.OpenError.self) {
            try AudioDeviceSpecification.alsa(name: "switchboard_no_such_device").openSink()
        }
    }
}
