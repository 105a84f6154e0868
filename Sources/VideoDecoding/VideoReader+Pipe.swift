extension VideoReader {
    /// What the demuxer of a reader opens for `input`, and what the reader keeps of it.
    struct OpenedInput {
        /// What the demuxer reads: the input itself, or a pipe's bytes in memory, or the replayed pipe.
        var demuxed: VideoInput
        var access: InputAccess
        /// How helper readers open the same bytes again; nil when they cannot.
        var reopenable: ReopenableInput?
        /// The pipe of a stream longer than the pipe buffer, to be read to its end (`discardRestOfInput`).
        var streamed: ReplayingSource?
    }

    /// Files, bytes and seekable sources are opened as they are; a pipe (standard input, a FIFO path, a
    /// non-seekable source) is read into memory first (see `PipeBuffer`) and opened as those bytes, or, when
    /// longer than `options.pipeBufferLimit`, replayed and read on front to back.
    static func open(_ input: VideoInput, options: DecoderOptions) throws(VideoError) -> OpenedInput {
        let pipe: any ByteSource
        switch input {
        case .path(let path) where PathKind(path) == .stream:
            // A FIFO, such as bash's <(cmd) at /dev/fd/63: one pass of bytes, buffered like standard input.
            pipe = try FileDescriptorSource(opening: path, deadline: options.deadline)
        case .path(let path):
            return OpenedInput(demuxed: input, access: .seekable, reopenable: .path(path))
        case .bytes(let bytes):
            return OpenedInput(demuxed: input, access: .seekable, reopenable: .bytes(bytes))
        case .source(let source) where source.isSeekable:
            return OpenedInput(demuxed: input, access: .seekable)
        case .source(let source):
            pipe = source
        case .standardInput:
            pipe = FileDescriptorSource(descriptor: 0, deadline: options.deadline)
        }
        let limit = options.pipeBufferLimit
        switch try PipeBuffer.read(pipe, limit: limit, deadline: options.deadline, name: input.displayName) {
        case .complete(let bytes):
            return OpenedInput(
                demuxed: .source(ByteArraySource(bytes)), access: .bufferedPipe(byteCount: bytes.count),
                reopenable: .bytes(bytes))
        case .overflowing(let source):
            return OpenedInput(demuxed: .source(source), access: .streamedPipe(bufferLimit: limit), streamed: source)
        }
    }

    /// Reads what is left of a pipe longer than the pipe buffer and throws it away, so that the program writing
    /// into it sees its output read to the end instead of dying of `SIGPIPE` (which a `set -o pipefail` script
    /// reports as a failure). Call it once the frames you need are decoded; nothing can be decoded after it.
    ///
    /// Does nothing for other inputs (a buffered pipe was read whole when the reader opened). Stops at
    /// `DecoderOptions.deadline`, noting in `report` that the rest was left unread. Cost: reading the rest of the
    /// pipe, 1 MiB at a time, without decoding.
    public func discardRestOfInput() {
        guard let streamed = streamedInput else { return }
        if !streamed.discardRemaining(before: options.deadline) {
            sink.append("The rest of the input was left unread (time limit reached or read failed); the program writing it may see a broken pipe.")
        }
    }
}
