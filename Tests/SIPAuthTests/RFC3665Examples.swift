import Testing

// Every WWW-Authenticate, Proxy-Authenticate, Authorization and
// Proxy-Authorization value in the RFC 3665 call flows
// (/work/shared/reference/flows/rfc3665/*/F*.sip), copied by a throwaway
// script with the line folds (CRLF + space) kept, as they are on the wire.
// RFC 3665 gives no passwords, so only parsing is checked, never responses.

enum RFC3665Examples {
    struct Example: Sendable, CustomTestStringConvertible {
        /// Section and message, e.g. "2.01 F02.sip".
        let source: String
        let headerName: String
        let value: String
        var testDescription: String { "\(source) \(headerName)" }
    }

    static let challenges: [Example] = [
        Example(source: "2.01 F02.sip", headerName: "WWW-Authenticate",
                value: "Digest realm=\"atlanta.example.com\", qop=\"auth\",\r\n nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\",\r\n opaque=\"\", stale=FALSE, algorithm=MD5"),
        Example(source: "2.05 F02.sip", headerName: "WWW-Authenticate",
                value: "Digest realm=\"atlanta.example.com\", qop=\"auth\",\r\n nonce=\"f1cec4341ae6ca9c8e88df84be55a359\",\r\n opaque=\"\", stale=FALSE, algorithm=MD5"),
        Example(source: "2.05 F04.sip", headerName: "WWW-Authenticate",
                value: "Digest realm=\"atlanta.example.com\", qop=\"auth\",\r\n nonce=\"84f1c1ae6cbe5ua9c8e88dfa3ecm3459\",\r\n opaque=\"\", stale=FALSE, algorithm=MD5"),
        Example(source: "3.02 F02.sip", headerName: "Proxy-Authenticate",
                value: "Digest realm=\"atlanta.example.com\", qop=\"auth\",\r\n nonce=\"f84f1cec41e6cbe5aea9c8e88d359\",\r\n opaque=\"\", stale=FALSE, algorithm=MD5"),
        Example(source: "3.03 F02.sip", headerName: "Proxy-Authenticate",
                value: "Digest realm=\"atlanta.example.com\", qop=\"auth\",\r\n nonce=\"wf84f1cczx41ae6cbeaea9ce88d359\",\r\n opaque=\"\", stale=FALSE, algorithm=MD5"),
        Example(source: "3.03 F07.sip", headerName: "Proxy-Authenticate",
                value: "Digest realm=\"biloxi.example.com\", qop=\"auth\",\r\n nonce=\"c1e22c41ae6cbe5ae983a9c8e88d359\",\r\n opaque=\"\", stale=FALSE, algorithm=MD5"),
        Example(source: "3.03 F09.sip", headerName: "Proxy-Authenticate",
                value: "Digest realm=\"biloxi.example.com\", qop=\"auth\",\r\n nonce=\"c1e22c41ae6cbe5ae983a9c8e88d359\",\r\n opaque=\"\", stale=FALSE, algorithm=MD5"),
        Example(source: "3.04 F09.sip", headerName: "Proxy-Authenticate",
                value: "Digest realm=\"biloxi.example.com\", qop=\"auth\",\r\n nonce=\"1ae6cbe5ea9c8e8df84fqnlec434a359\",\r\n opaque=\"\", stale=FALSE, algorithm=MD5"),
    ]

    static let authorizations: [Example] = [
        Example(source: "2.01 F03.sip", headerName: "Authorization",
                value: "Digest username=\"bob\", realm=\"atlanta.example.com\",\r\n nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\", opaque=\"\",\r\n uri=\"sips:ss2.biloxi.example.com\",\r\n response=\"dfe56131d1958046689d83306477ecc\""),
        Example(source: "2.02 F01.sip", headerName: "Authorization",
                value: "Digest username=\"bob\", realm=\"atlanta.example.com\",\r\n qop=\"auth\", nonce=\"1cec4341ae6cbe5a359ea9c8e88df84f\", opaque=\"\",\r\n uri=\"sips:ss2.biloxi.example.com\",\r\n response=\"71ba27c64bd01de719686aa4590d5824\""),
        Example(source: "2.03 F01.sip", headerName: "Authorization",
                value: "Digest username=\"bob\", realm=\"atlanta.example.com\",\r\n nonce=\"df84f1cec4341ae6cbe5ap359a9c8e88\", opaque=\"\",\r\n uri=\"sips:ss2.biloxi.example.com\",\r\n response=\"aa7ab4678258377c6f7d4be6087e2f60\""),
        Example(source: "2.04 F01.sip", headerName: "Authorization",
                value: "Digest username=\"bob\", realm=\"atlanta.example.com\",\r\n nonce=\"88df84f1cac4341aea9c8ee6cbe5a359\", opaque=\"\",\r\n uri=\"sips:ss2.biloxi.example.com\",\r\n response=\"ff0437c51696f9a76244f0cf1dbabbea\""),
        Example(source: "2.05 F03.sip", headerName: "Authorization",
                value: "Digest username=\"bob\", realm=\"atlanta.example.com\",\r\n nonce=\"f1cec4341ae6ca9c8e88df84be55a359\", opaque=\"\",\r\n uri=\"sips:ss2.biloxi.example.com\",\r\n response=\"61f8470ceb87d7ebf508220214ed438b\""),
        Example(source: "3.02 F04.sip", headerName: "Proxy-Authorization",
                value: "Digest username=\"alice\",\r\n realm=\"atlanta.example.com\",\r\n nonce=\"wf84f1ceczx41ae6cbe5aea9c8e88d359\", opaque=\"\",\r\n uri=\"sip:bob@biloxi.example.com\",\r\n response=\"42ce3cef44b22f50c6a6071bc8\""),
        Example(source: "3.03 F04.sip", headerName: "Proxy-Authorization",
                value: "Digest username=\"alice\",\r\n realm=\"atlanta.example.com\",\r\n nonce=\"wf84f1ceczx41ae6cbe5aea9c8e88d359\", opaque=\"\",\r\n uri=\"sip:bob@biloxi.example.com\",\r\n response=\"42ce3cef44b22f50c6a6071bc8\""),
        Example(source: "3.03 F10.sip", headerName: "Proxy-Authorization",
                value: "Digest username=\"alice\",\r\n realm=\"atlanta.example.com\",\r\n nonce=\"wf84f1ceczx41ae6cbe5aea9c8e88d359\", opaque=\"\",\r\n uri=\"sip:bob@biloxi.example.com\",\r\n response=\"42ce3cef44b22f50c6a6071bc8\""),
        Example(source: "3.03 F11.sip", headerName: "Proxy-Authorization",
                value: "Digest username=\"alice\",\r\n realm=\"atlanta.example.com\",\r\n nonce=\"wf84f1ceczx41ae6cbe5aea9c8e88d359\", opaque=\"\",\r\n uri=\"sip:bob@biloxi.example.com\",\r\n response=\"42ce3cef44b22f50c6a6071bc8\""),
        Example(source: "3.03 F11.sip", headerName: "Proxy-Authorization",
                value: "Digest username=\"alice\",\r\n realm=\"biloxi.example.com\",\r\n nonce=\"c1e22c41ae6cbe5ae983a9c8e88d359\", opaque=\"\",\r\n uri=\"sip:bob@biloxi.example.com\", response=\"f44ab22f150c6a56071bce8\""),
        Example(source: "3.03 F13.sip", headerName: "Proxy-Authorization",
                value: "Digest username=\"alice\",\r\n realm=\"biloxi.example.com\",\r\n nonce=\"c1e22c41ae6cbe5ae983a9c8e88d359\", opaque=\"\",\r\n uri=\"sip:bob@biloxi.example.com\", response=\"f44ab22f150c6a56071bce8\""),
        Example(source: "3.03 F19.sip", headerName: "Proxy-Authorization",
                value: "Digest username=\"alice\",\r\n realm=\"atlanta.example.com\",\r\n nonce=\"wf84f1ceczx41ae6cbe5aea9c8e88d359\", opaque=\"\",\r\n uri=\"sip:bob@biloxi.example.com\",\r\n response=\"42ce3cef44b22f50c6a6071bc8\""),
        Example(source: "3.03 F19.sip", headerName: "Proxy-Authorization",
                value: "Digest username=\"alice\",\r\n realm=\"biloxi.example.com\",\r\n nonce=\"c1e22c41ae6cbe5ae983a9c8e88d359\", opaque=\"\",\r\n uri=\"sip:bob@biloxi.example.com\", response=\"f44ab22f150c6a56071bce8\""),
        Example(source: "3.03 F20.sip", headerName: "Proxy-Authorization",
                value: "Digest username=\"alice\",\r\n realm=\"biloxi.example.com\",\r\n nonce=\"c1e22c41ae6cbe5ae983a9c8e88d359\", opaque=\"\",\r\n uri=\"sip:bob@biloxi.example.com\", response=\"f44ab22f150c6a56071bce8\""),
        Example(source: "3.04 F11.sip", headerName: "Proxy-Authorization",
                value: "Digest username=\"alice\",\r\n realm=\"biloxi.example.com\",\r\n nonce=\"1ae6cbe5ea9c8e8df84fqnlec434a359\", opaque=\"\",\r\n uri=\"sip:bob@biloxi.example.com\",\r\n response=\"8a880c919d1a52f20a1593e228adf599\""),
        Example(source: "3.05 F01.sip", headerName: "Proxy-Authorization",
                value: "Digest username=\"alice\",\r\n realm=\"biloxi.example.com\",\r\n nonce=\"85b4f1cen4341ae6cbe5a3a9c8e88df9\", opaque=\"\",\r\n uri=\"sip:bob@biloxi.example.com\",\r\n response=\"b3f392f9218a328b9294076d708e6815\""),
        Example(source: "3.05 F02.sip", headerName: "Proxy-Authorization",
                value: "Digest username=\"alice\",\r\n realm=\"biloxi.example.com\",\r\n nonce=\"85b4f1cen4341ae6cbe5a3a9c8e88df9\", opaque=\"\",\r\n uri=\"sip:bob@biloxi.example.com\",\r\n response=\"b3f392f9218a328b9294076d708e6815\""),
        Example(source: "3.08 F01.sip", headerName: "Proxy-Authorization",
                value: "Digest username=\"alice\",\r\n realm=\"atlanta.example.com\",\r\n nonce=\"ze7k1ee88df84f1cec431ae6cbe5a359\", opaque=\"\",\r\n uri=\"sip:bob@biloxi.example.com\",\r\n response=\"b00b416324679d7e243f55708d44be7b\""),
        Example(source: "3.08 F20.sip", headerName: "Proxy-Authorization",
                value: "Digest username=\"alice\",\r\n realm=\"atlanta.example.com\",\r\n nonce=\"ze7k1ee88df84f1cec431ae6cbe5a359\", opaque=\"\",\r\n uri=\"sip:bob@biloxi.example.com\",\r\n response=\"b00b416324679d7e243f55708d44be7b\""),
        Example(source: "3.09 F01.sip", headerName: "Proxy-Authorization",
                value: "Digest username=\"alice\",\r\n realm=\"atlanta.example.com\",\r\n nonce=\"dc3a5ab2530aa93112cf5904ba7d88fa\", opaque=\"\",\r\n uri=\"sip:bob@biloxi.example.com\",\r\n response=\"702138b27d869ac8741e10ec643d55be\""),
        Example(source: "3.09 F11.sip", headerName: "Proxy-Authorization",
                value: "Digest username=\"alice\",\r\n realm=\"atlanta.example.com\",\r\n nonce=\"dc3a5ab2530aa93112cf5904ba7d88fa\", opaque=\"\",\r\n uri=\"sip:bob@biloxi.example.com\",\r\n response=\"702138b27d869ac8741e10ec643d55be\""),
        Example(source: "3.10 F01.sip", headerName: "Proxy-Authorization",
                value: "Digest username=\"alice\",\r\n realm=\"atlanta.example.com\",\r\n nonce=\"cf5904ba7d8dc3a5ab2530aa931128fa\", opaque=\"\",\r\n uri=\"sip:bob@biloxi.example.com\",\r\n response=\"7afc04be7961f053c24f80e7dbaf888f\""),
        Example(source: "3.10 F15.sip", headerName: "Proxy-Authorization",
                value: "Digest username=\"alice\",\r\n realm=\"atlanta.example.com\",\r\n nonce=\"cf5904ba7d8dc3a5ab2530aa931128fa\", opaque=\"\",\r\n uri=\"sip:bob@biloxi.example.com\",\r\n response=\"7afc04be7961f053c24f80e7dbaf888f\""),
        Example(source: "3.11 F01.sip", headerName: "Proxy-Authorization",
                value: "Digest username=\"alice\",\r\n realm=\"atlanta.example.com\",\r\n nonce=\"aa9311cf5904ba7d8dc3a5ab253028fa\", opaque=\"\",\r\n uri=\"sip:bob@biloxi.example.com\",\r\n response=\"59a46a91bf1646562a4d486c84b399db\""),
        Example(source: "3.11 F14.sip", headerName: "Proxy-Authorization",
                value: "Digest username=\"alice\",\r\n realm=\"atlanta.example.com\",\r\n nonce=\"aa9311cf5904ba7d8dc3a5ab253028fa\", opaque=\"\",\r\n uri=\"sip:bob@biloxi.example.com\",\r\n response=\"59a46a91bf1646562a4d486c84b399db\""),
    ]
}
