/// The VidClass module. See DESIGN.md for its place in the pipeline.
public enum VidClassModule {}
