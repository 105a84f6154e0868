/// What could not be decoded: a running account kept by each `VideoReader`.
///
/// Damaged input does not stop decoding; the reader skips what it cannot decode and records it here.
/// `messages` holds FFmpeg's own error lines (e.g. "Invalid NAL unit size") and the reader's notes, capped at
/// `DecodeReport.messageLimit` entries so a badly damaged file cannot grow memory.
public struct DecodeReport: Sendable, Equatable {
    /// The most messages kept; later ones are counted in `droppedMessages`.
    public static let messageLimit = 64

    /// Packets the decoder rejected or frames it flagged as damaged.
    public var corruptPackets: Int
    /// One line per problem, oldest first.
    public var messages: [String]
    /// Messages not kept because `messageLimit` was reached.
    public var droppedMessages: Int
    /// Whether the input ended before the data its header announced.
    public var isTruncated: Bool

    public init(corruptPackets: Int = 0, messages: [String] = [], droppedMessages: Int = 0, isTruncated: Bool = false) {
        self.corruptPackets = corruptPackets
        self.messages = messages
        self.droppedMessages = droppedMessages
        self.isTruncated = isTruncated
    }

    /// Whether anything went wrong.
    public var isClean: Bool { corruptPackets == 0 && messages.isEmpty && droppedMessages == 0 && !isTruncated }

    /// Appends `message`, or counts it when the cap is reached.
    mutating func append(_ message: String) {
        if messages.count < Self.messageLimit { messages.append(message) } else { droppedMessages += 1 }
    }
}
