import Foundation

/// A small real-content dataset, cut from the three sample clips with the ffmpeg CLI once per test run.
///
/// Each sample clip (street scenes, a pool being cleaned, a pancake being flipped) is one class. Its first nine
/// seconds are cut into 1-second segments (144 pixels high, a keyframe per segment): segments 0–5 go to
/// `train/LABEL/`, segments 6–8 to `val/LABEL/`, held out. `long.mp4` is three 3-second scenes, seconds 6–9 of
/// each clip in the order bikes, pool, pancake, re-encoded at 25 fps: scene boundaries at 3 s and 6 s.
/// Building it takes about 5 s of ffmpeg time.
enum DatasetFixture {
    static let labels = ["bikes", "cleaning_a_pool", "pancake"]
    static let sources = ["bikes.mp4", "cleaning_a_pool.mp4", "flipping_a_pancake.mkv"]

    struct Folders {
        var root: URL
        var train: URL { root.appendingPathComponent("train") }
        var val: URL { root.appendingPathComponent("val") }
        var longClip: URL { root.appendingPathComponent("long.mp4") }
    }

    /// The dataset, built on first use and shared by every test of the run.
    static func folders() throws -> Folders {
        try built.get()
    }

    private static let built = Result { () throws -> Folders in
        let root = try CommandRunner.temporaryFolder()
        let folders = Folders(root: root)
        for (label, source) in zip(labels, sources) {
            let segments = root.appendingPathComponent("segments-\(label)")
            try FileManager.default.createDirectory(at: segments, withIntermediateDirectories: true)
            try ffmpeg([
                "-i", CommandRunner.sampleClip(source), "-t", "9", "-an", "-vf", "scale=-2:144", "-c:v", "libx264",
                "-preset", "ultrafast", "-force_key_frames", "expr:gte(t,n_forced*1)", "-f", "segment",
                "-segment_time", "1", "-reset_timestamps", "1", segments.appendingPathComponent("seg%02d.mp4").path,
            ])
            for segment in 0..<9 {
                let folder = (segment < 6 ? folders.train : folders.val).appendingPathComponent(label)
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let name = String(format: "seg%02d.mp4", segment)
                try FileManager.default.moveItem(
                    at: segments.appendingPathComponent(name), to: folder.appendingPathComponent("\(label)-\(name)"))
            }
        }
        let scenes = (0..<3).map { "[\($0):v]trim=6:9,setpts=PTS-STARTPTS,scale=256:144,setsar=1,fps=25[s\($0)]" }
        try ffmpeg(
            sources.flatMap { ["-i", CommandRunner.sampleClip($0)] } + [
                "-filter_complex", scenes.joined(separator: ";") + ";[s0][s1][s2]concat=n=3:v=1:a=0",
                "-c:v", "libx264", "-preset", "ultrafast", folders.longClip.path,
            ])
        return folders
    }

    /// Runs the ffmpeg CLI quietly; a failure names the arguments.
    static func ffmpeg(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ffmpeg", "-v", "error", "-nostdin", "-y"] + arguments
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "ffmpeg \(arguments.joined(separator: " ")) failed"])
        }
    }

    /// Every clip of a dataset folder.
    static func clips(in folder: URL) throws -> [URL] {
        try labels.flatMap { label in
            try FileManager.default.contentsOfDirectory(
                at: folder.appendingPathComponent(label), includingPropertiesForKeys: nil)
        }
    }
}
