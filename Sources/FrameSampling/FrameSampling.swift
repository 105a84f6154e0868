/// The FrameSampling module. See DESIGN.md for its place in the pipeline.
public enum FrameSamplingModule {}
