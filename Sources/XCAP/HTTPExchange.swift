import NIOCore
import NIOHTTP1
import NIOPosix

/// One HTTP/1.1 request and its response over a connection of its own
/// (`Connection: close`), on SwiftNIO with NIOHTTP1's parser.
///
/// A connection per request keeps the client simple and is what XCAP use
/// needs here: a handful of requests when the user allows or blocks someone.
/// Every way a response can go wrong ends in an `XCAPError`, never a hang:
/// bytes that do not parse, a connection closed early, a body over the
/// limit, or nothing complete before the deadline.
enum HTTPExchange {
    static func perform(_ request: HTTPRequest, host: String, port: Int, hostHeader: String,
                        timeout: Duration, maximumBodyBytes: Int,
                        group: any EventLoopGroup) async throws -> HTTPResponse {
        let loop = group.next()
        let promise = loop.makePromise(of: HTTPResponse.self)
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(TimeAmount(timeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(
                        ResponseCollector(promise: promise, maximumBodyBytes: maximumBodyBytes))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: host, port: port).get()
        } catch {
            promise.fail(XCAPError.unreachable(String(describing: error)))
            throw XCAPError.unreachable(String(describing: error))
        }
        let deadline = loop.scheduleTask(in: TimeAmount(timeout)) {
            promise.fail(XCAPError.timeout)
            channel.close(promise: nil)
        }
        var head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: request.method), uri: request.target)
        head.headers.add(name: "Host", value: hostHeader)
        head.headers.add(name: "Connection", value: "close")
        for header in request.headers { head.headers.add(name: header.name, value: header.value) }
        if !request.body.isEmpty || ["PUT", "POST"].contains(request.method) {
            head.headers.add(name: "Content-Length", value: String(request.body.count))
        }
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        if !request.body.isEmpty {
            channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: request.body))), promise: nil)
        }
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        defer {
            deadline.cancel()
            channel.close(promise: nil)
        }
        do {
            return try await promise.futureResult.get()
        } catch let error as XCAPError {
            throw error
        } catch {
            throw XCAPError.unreachable(String(describing: error))
        }
    }
}

/// Gathers the response parts into one `HTTPResponse` and completes the
/// promise. The deadline may complete it first; NIO ignores a second
/// completion of a promise, so whichever comes first is the answer.
private final class ResponseCollector: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart

    private let promise: EventLoopPromise<HTTPResponse>
    private let maximumBodyBytes: Int
    private var head: HTTPResponseHead?
    private var body: [UInt8] = []
    private var done = false

    init(promise: EventLoopPromise<HTTPResponse>, maximumBodyBytes: Int) {
        self.promise = promise
        self.maximumBodyBytes = maximumBodyBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !done else { return }
        switch unwrapInboundIn(data) {
        case .head(let received):
            // Interim 1xx responses never get here: NIOHTTP1's decoder drops
            // them by default and passes on the final response.
            head = received
        case .body(var buffer):
            guard body.count + buffer.readableBytes <= maximumBodyBytes else {
                finish(.failure(XCAPError.responseTooLarge(limit: maximumBodyBytes)), context)
                return
            }
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else {
                finish(.failure(XCAPError.malformedResponse("a response without a status line")), context)
                return
            }
            let headers = head.headers.map { (name: $0.name, value: $0.value) }
            finish(.success(HTTPResponse(status: Int(head.status.code), reason: head.status.reasonPhrase,
                                         headers: headers, body: body)), context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let parserError = error as? HTTPParserError, parserError == .invalidEOFState {
            // The connection ended inside the response (a body shorter than its length).
            finish(.failure(XCAPError.incompleteResponse), context)
        } else if error is HTTPParserError {
            finish(.failure(XCAPError.malformedResponse(String(describing: error))), context)
        } else {
            finish(.failure(XCAPError.unreachable(String(describing: error))), context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(.failure(XCAPError.incompleteResponse), context)
        context.fireChannelInactive()
    }

    private func finish(_ result: Result<HTTPResponse, any Error>, _ context: ChannelHandlerContext) {
        guard !done else { return }
        done = true
        promise.completeWith(result)
        context.close(promise: nil)
    }
}
