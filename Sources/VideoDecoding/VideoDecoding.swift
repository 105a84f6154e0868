/// The VideoDecoding module. See DESIGN.md for its place in the pipeline.
public enum VideoDecodingModule {}
