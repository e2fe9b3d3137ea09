import Foundation

/// An 8-bit RGB or RGBA PNG decoded to pixels, to check screenshots.
///
/// The chunks, the header and the scanline filters (PNG specification §11.2.2, §9.2) are read
/// here; the zlib stream of the IDAT chunks is inflated by Python's `zlib`, so no C library is
/// linked for it.
public struct PNGImage {
    public let width: Int
    public let height: Int
    /// Pixels row by row, each `0xRRGGBB` (alpha dropped).
    public let pixels: [UInt32]

    public struct FormatError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The width and height in the IHDR chunk of `data`, after checking the PNG signature.
    public static func size(_ data: Data) throws -> (width: Int, height: Int) {
        let bytes = [UInt8](data)
        guard bytes.count >= 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else {
            throw FormatError(description: "not a PNG (no signature)")
        }
        guard String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR" else { throw FormatError(description: "the first chunk is not IHDR") }
        return (Int(bigEndian: bytes, at: 16), Int(bigEndian: bytes, at: 20))
    }

    public init(_ data: Data) throws {
        let bytes = [UInt8](data)
        (width, height) = try Self.size(data)
        let depth = bytes[24], colorType = bytes[25], interlace = bytes[28]
        guard depth == 8, colorType == 2 || colorType == 6, interlace == 0 else {
            throw FormatError(description: "only 8-bit RGB(A) without interlacing is decoded (depth \(depth), colour type \(colorType))")
        }
        var compressed = Data()
        var offset = 8
        while offset + 8 <= bytes.count {
            let length = Int(bigEndian: bytes, at: offset)
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            guard offset + 12 + length <= bytes.count else { throw FormatError(description: "chunk \(type) runs past the end") }
            if type == "IDAT" { compressed.append(contentsOf: bytes[(offset + 8)..<(offset + 8 + length)]) }
            if type == "IEND" { break }
            offset += 12 + length
        }
        let channels = colorType == 6 ? 4 : 3
        let stride = width * channels
        let raw = try Self.inflate(compressed)
        guard raw.count == height * (stride + 1) else {
            throw FormatError(description: "\(raw.count) bytes of scanlines for \(width)×\(height)×\(channels)")
        }
        var pixels = [UInt32](repeating: 0, count: width * height)
        var previous = [UInt8](repeating: 0, count: stride)
        var line = [UInt8](repeating: 0, count: stride)
        for y in 0..<height {
            let start = y * (stride + 1)
            let filter = raw[start]
            for i in 0..<stride {
                let x = raw[start + 1 + i]
                let a = i >= channels ? Int(line[i - channels]) : 0
                let b = Int(previous[i])
                let c = i >= channels ? Int(previous[i - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: throw FormatError(description: "unknown filter \(filter) on row \(y)")
                }
                line[i] = x &+ UInt8(truncatingIfNeeded: predictor)
            }
            for x in 0..<width {
                let p = x * channels
                pixels[y * width + x] = UInt32(line[p]) << 16 | UInt32(line[p + 1]) << 8 | UInt32(line[p + 2])
            }
            swap(&previous, &line)
        }
        self.pixels = pixels
    }

    /// How many pixels satisfy `test` (given red, green, blue).
    public func count(where test: (Int, Int, Int) -> Bool) -> Int {
        pixels.reduce(0) { $0 + (test(Int($1 >> 16), Int($1 >> 8 & 0xFF), Int($1 & 0xFF)) ? 1 : 0) }
    }

    /// The zlib stream inflated by `python3 -c 'zlib.decompress'`, through temporary files.
    static func inflate(_ compressed: Data) throws -> [UInt8] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insights-png-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("idat"), output = directory.appendingPathComponent("raw")
        try compressed.write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys, zlib; open(sys.argv[2], 'wb').write(zlib.decompress(open(sys.argv[1], 'rb').read()))",
                             input.path, output.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw FormatError(description: "python3 could not inflate the IDAT data") }
        return [UInt8](try Data(contentsOf: output))
    }
}

extension Int {
    /// The big-endian 32-bit unsigned integer at `offset`.
    init(bigEndian bytes: [UInt8], at offset: Int) {
        self = bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
    }
}
