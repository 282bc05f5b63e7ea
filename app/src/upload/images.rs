//! Images cleaned before they are stored: only what draws the picture is kept (a
//! phone photo can carry where it was taken, who took it, the uncropped original).
//! Each cleaner keeps an allow-list, never a list of what to remove, and refuses
//! (None) a damaged file or one built to cost: more than [`MAX_PARTS`] segments,
//! chunks or frames.
//!
//! PNG and WebP go through `img-parts`; GIF through the `gif` crate, its frames
//! copied still compressed. JPEG is walked here: `img-parts` keeps everything after
//! the first scan as opaque data (where phones put a second EXIF, the images of an
//! MPF file, a motion photo's video) and allocates per segment.

/// The most segments, chunks or frames an image may have.
pub const MAX_PARTS: usize = 4096;

/// The largest GIF screen, in pixels (the decoder reserves a quarter of it per frame).
const GIF_MAX_PIXELS: u64 = 40_000_000;

/// The largest still picture, in pixels (a 48-megapixel phone photo fits): every
/// reader's browser decodes it whole, so a picture that only claims to be huge is
/// refused, as is one that is.
pub const MAX_PIXELS: u64 = 50_000_000;

fn too_many_pixels(width: u64, height: u64) -> bool {
    width == 0 || height == 0 || width * height > MAX_PIXELS
}

/// A JPEG with only its picture: the frame, tables and scans, up to the first end
/// of image. Application segments go (EXIF, XMP, ICC, maker notes, MPF), except
/// JFIF's (without its thumbnail) and Adobe's colour transform; comments go; so does
/// whatever follows the end of the image.
pub fn jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    let (mut i, mut parts, mut scanned) = (2, 0, false);
    // Between segments (and inside a scan, `scanned`): entropy data is copied up to the
    // next marker; stuffed bytes and restart markers are data.
    let mut data_from = 2;
    while i < bytes.len() {
        if bytes[i] != 0xFF {
            if !scanned {
                return None;
            }
            i += 1;
            continue;
        }
        let mut m = i + 1;
        while *bytes.get(m)? == 0xFF {
            m += 1;
        }
        let marker = bytes[m];
        if scanned && matches!(marker, 0x00 | 0xD0..=0xD7) {
            i = m + 1;
            continue;
        }
        if scanned {
            out.extend_from_slice(&bytes[data_from..i]);
        }
        match marker {
            0xD9 if scanned => {
                out.extend_from_slice(&[0xFF, 0xD9]);
                return Some(out);
            }
            0xD8 | 0xD9 | 0x00 | 0xD0..=0xD7 => return None,
            _ => {}
        }
        parts += 1;
        if parts > MAX_PARTS {
            return None;
        }
        let len = usize::from(u16::from_be_bytes([*bytes.get(m + 1)?, *bytes.get(m + 2)?]));
        if len < 2 {
            return None;
        }
        let payload = bytes.get(m + 3..m + 1 + len)?;
        // A frame header (SOF0–SOF15 but DHT, JPG and DAC): precision, height, width.
        if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let height = u64::from(u16::from_be_bytes([*payload.get(1)?, *payload.get(2)?]));
            let width = u64::from(u16::from_be_bytes([*payload.get(3)?, *payload.get(4)?]));
            if too_many_pixels(width, height) {
                return None;
            }
        }
        if let Some(kept) = keep_segment(marker, payload) {
            out.extend_from_slice(&[0xFF, marker]);
            out.extend_from_slice(&u16::try_from(kept.len() + 2).ok()?.to_be_bytes());
            out.extend_from_slice(&kept);
        }
        i = m + 1 + len;
        data_from = i;
        scanned |= marker == 0xDA;
    }
    // Cut short after a scan began: what arrived is kept, as before.
    if !scanned {
        return None;
    }
    out.extend_from_slice(&bytes[data_from..]);
    Some(out)
}

/// What stays of a JPEG segment: all of the picture's own; JFIF's header without its
/// thumbnail; Adobe's APP14; nothing of any other application segment or comment.
fn keep_segment(marker: u8, payload: &[u8]) -> Option<Vec<u8>> {
    match marker {
        0xE0 if payload.starts_with(b"JFIF\0") && payload.len() >= 14 => {
            // Version, units, density; then a thumbnail of 0×0.
            let mut header = payload[..12].to_vec();
            header.extend_from_slice(&[0, 0]);
            Some(header)
        }
        0xEE if payload.starts_with(b"Adobe") => Some(payload.to_vec()),
        0xE0..=0xEF | 0xFE => None,
        _ => Some(payload.to_vec()),
    }
}

/// The chunks a PNG keeps: the picture, its transparency, colour and size, its
/// animation. Text, time, EXIF, colour profiles (with their free-text names), C2PA
/// and private chunks go.
const PNG_KEEP: [&[u8; 4]; 17] = [
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"cICP",
    b"mDCv", b"cLLi", b"bKGD", b"pHYs", b"acTL", b"fcTL", b"fdAT",
];

/// A PNG with only the chunks of [`PNG_KEEP`], up to its end (what follows IEND goes).
/// None if it is damaged (a chunk cut short, a wrong checksum, no end).
pub fn png(mut bytes: Vec<u8>) -> Option<Vec<u8>> {
    use img_parts::png::Png;
    // The header comes first, with the picture's size.
    if bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let size = |at: usize| {
        bytes
            .get(at..at + 4)
            .map(|b| u64::from(u32::from_be_bytes([b[0], b[1], b[2], b[3]])))
    };
    if too_many_pixels(size(16)?, size(20)?) {
        return None;
    }
    // Counted before anything is allocated per chunk.
    let (mut i, mut parts) = (8, 0);
    loop {
        let len = u32::from_be_bytes(bytes.get(i..i + 4)?.try_into().ok()?) as usize;
        let end = i.checked_add(12 + len)?;
        parts += 1;
        if parts > MAX_PARTS || end > bytes.len() {
            return None;
        }
        if bytes.get(i + 4..i + 8)? == b"IEND" {
            bytes.truncate(end);
            break;
        }
        i = end;
    }
    let mut png = Png::from_bytes(bytes.into()).ok()?;
    png.chunks_mut().retain(|c| PNG_KEEP.contains(&&c.kind()));
    Some(png.encoder().bytes().to_vec())
}

/// The chunks a WebP keeps, at the top and inside each animation frame.
const WEBP_KEEP: [&[u8; 4]; 6] = [b"VP8X", b"VP8 ", b"VP8L", b"ALPH", b"ANIM", b"ANMF"];
const WEBP_FRAME_KEEP: [&[u8; 4]; 3] = [b"ALPH", b"VP8 ", b"VP8L"];

/// A WebP with only its picture: EXIF, XMP, ICC, C2PA, `LIST` and unknown chunks go,
/// also from inside animation frames, and the header's flags that announced them.
pub fn webp(bytes: Vec<u8>) -> Option<Vec<u8>> {
    use img_parts::riff::RiffContent;
    use img_parts::webp::WebP;
    use img_parts::ImageEXIF;
    let chunks = riff_chunks(bytes.get(12..)?)?;
    if chunks.len() > MAX_PARTS {
        return None;
    }
    let (id, first) = chunks.first()?;
    let (width, height) = webp_size(id, first.get(8..)?)?;
    if too_many_pixels(width, height) {
        return None;
    }
    let mut webp = WebP::from_bytes(bytes.into()).ok()?;
    webp.chunks_mut().retain(|c| WEBP_KEEP.contains(&&c.id()));
    for chunk in webp.chunks_mut() {
        let id = chunk.id();
        if let RiffContent::Data(data) = chunk.content_mut() {
            if id == *b"ANMF" {
                *data = animation_frame(&data[..])?.into();
            } else if id == *b"VP8X" && !data.is_empty() {
                // Flags: 0x20 ICC, 0x08 EXIF, 0x04 XMP; alpha and animation stay.
                let mut header = data.to_vec();
                header[0] &= !0x2C;
                *data = header.into();
            }
        }
    }
    // Drops the extended header when nothing needs it any more.
    webp.set_exif(None);
    Some(webp.encoder().bytes().to_vec())
}

/// The size of a WebP from its first chunk: the canvas of an extended file, else the
/// picture of a lossy or lossless one.
fn webp_size(id: &[u8; 4], data: &[u8]) -> Option<(u64, u64)> {
    let le24 = |at: usize| -> Option<u64> {
        let b = data.get(at..at + 3)?;
        Some(u64::from(b[0]) | u64::from(b[1]) << 8 | u64::from(b[2]) << 16)
    };
    match id {
        b"VP8X" => Some((le24(4)? + 1, le24(7)? + 1)),
        b"VP8 " => {
            let w = u64::from(u16::from_le_bytes([*data.get(6)?, *data.get(7)?]) & 0x3FFF);
            let h = u64::from(u16::from_le_bytes([*data.get(8)?, *data.get(9)?]) & 0x3FFF);
            Some((w, h))
        }
        b"VP8L" if data.first() == Some(&0x2F) => {
            let b: Vec<u64> = data.get(1..5)?.iter().map(|&x| u64::from(x)).collect();
            let w = 1 + (b[0] | (b[1] & 0x3F) << 8);
            let h = 1 + (b[1] >> 6 | b[2] << 2 | (b[3] & 0x0F) << 10);
            Some((w, h))
        }
        _ => None,
    }
}

/// An animation frame's data: its 16-byte header, then only its picture's chunks.
fn animation_frame(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = data.get(..16)?.to_vec();
    for (id, chunk) in riff_chunks(&data[16..])? {
        if WEBP_FRAME_KEEP.contains(&&id) {
            out.extend_from_slice(chunk);
        }
    }
    Some(out)
}

/// The chunks of a RIFF body, each with its header and padding. None if one is cut
/// short or there are more than [`MAX_PARTS`].
fn riff_chunks(body: &[u8]) -> Option<Vec<([u8; 4], &[u8])>> {
    let mut chunks = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let id: [u8; 4] = body.get(i..i + 4)?.try_into().ok()?;
        let len = u32::from_le_bytes(body.get(i + 4..i + 8)?.try_into().ok()?) as usize;
        // Cut short is damaged; only a last pad byte may be missing.
        let end = i.checked_add(8 + len)?;
        if end > body.len() {
            return None;
        }
        let end = (end + (len & 1)).min(body.len());
        chunks.push((id, &body[i..end]));
        if chunks.len() > MAX_PARTS {
            return None;
        }
        i = end;
    }
    Some(chunks)
}

/// A GIF with only its pictures: frames, their timing and the loop count. Comments,
/// plain-text blocks and application data (XMP, ICC, any other) are left behind. The
/// frames are copied still compressed, one at a time, so the work is a copy.
pub fn gif(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut options = gif::DecodeOptions::new();
    options.skip_frame_decoding(true);
    options.check_frame_consistency(true);
    let mut decoder = options.read_info(bytes).ok()?;
    if u64::from(decoder.width()) * u64::from(decoder.height()) > GIF_MAX_PIXELS {
        return None;
    }
    let palette = decoder.global_palette().unwrap_or_default().to_vec();
    let (width, height) = (decoder.width(), decoder.height());
    let mut encoder = None;
    let mut frames = 0;
    while let Some(frame) = decoder.read_next_frame().ok()? {
        frames += 1;
        if frames > MAX_PARTS {
            return None;
        }
        let frame = frame.clone();
        if encoder.is_none() {
            // The loop count is known once the blocks before the first frame are read.
            let mut e =
                gif::Encoder::new(Vec::with_capacity(bytes.len()), width, height, &palette).ok()?;
            if decoder.repeat() != gif::Repeat::Finite(0) {
                e.set_repeat(decoder.repeat()).ok()?;
            }
            encoder = Some(e);
        }
        encoder.as_mut()?.write_lzw_pre_encoded_frame(&frame).ok()?;
    }
    encoder?.into_inner().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend(u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
        s.extend(payload);
        s
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn jpeg_keeps_its_scans_but_nothing_between_or_after_them() {
        // A progressive JPEG: a table, a scan, an EXIF between scans (where phones put
        // a second one), a second scan with a stuffed byte and a restart marker, the
        // end, then a motion photo's video.
        let mut file = vec![0xFF, 0xD8];
        file.extend(segment(0xDB, &[0; 65]));
        file.extend(segment(0xDA, &[1, 1, 0, 0, 63, 0]));
        file.extend([0x12, 0xFF, 0x00, 0x34]);
        file.extend(segment(0xE1, b"Exif\0\0GPS 44.41N 11.91E"));
        file.extend(segment(0xDA, &[1, 1, 0, 1, 63, 0]));
        file.extend([0x56, 0xFF, 0xD0, 0x78]);
        file.extend([0xFF, 0xD9]);
        file.extend(b"ftypmp42 VIDEO OF THE KITCHEN");
        let out = jpeg(&file).unwrap();
        assert!(!contains(&out, b"GPS") && !contains(&out, b"KITCHEN"));
        assert!(contains(&out, &[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xDA]));
        assert!(out.ends_with(&[0x56, 0xFF, 0xD0, 0x78, 0xFF, 0xD9]));
        assert!(contains(&out, &segment(0xDB, &[0; 65])));
    }

    #[test]
    fn jpeg_without_a_scan_or_with_too_many_segments_is_refused() {
        let mut file = vec![0xFF, 0xD8];
        file.extend(segment(0xDB, &[0; 65]));
        assert_eq!(jpeg(&file), None);
        let mut file = vec![0xFF, 0xD8];
        for _ in 0..=MAX_PARTS {
            file.extend(segment(0xFE, b"x"));
        }
        file.extend(segment(0xDA, &[1, 1, 0, 0, 63, 0]));
        file.extend([0x12, 0xFF, 0xD9]);
        assert_eq!(jpeg(&file), None);
        assert_eq!(jpeg(b"\xFF\xD8\xFF\xDB\x00"), None);
    }

    /// A PNG header of one pixel.
    const IHDR_1X1: [u8; 13] = [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];

    #[test]
    fn pictures_too_large_or_claiming_to_be_are_refused() {
        // A PNG that says 2147483647 × 2147483647, and one of 10000 × 5001.
        let mut huge = [0u8; 13];
        huge[..8].copy_from_slice(&[0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF]);
        let file = png_file(&[(b"IHDR", &huge), (b"IDAT", b"xx"), (b"IEND", b"")]);
        assert_eq!(png(file), None);
        let mut big = IHDR_1X1;
        big[..8].copy_from_slice(&[0, 0, 0x27, 0x10, 0, 0, 0x13, 0x89]);
        assert_eq!(
            png(png_file(&[
                (b"IHDR", &big),
                (b"IDAT", b"xx"),
                (b"IEND", b"")
            ])),
            None
        );
        let fine = png_file(&[(b"IHDR", &IHDR_1X1), (b"IDAT", b"xx"), (b"IEND", b"")]);
        assert!(png(fine).is_some());
        // A JPEG whose frame says 30000 × 30000.
        let mut file = vec![0xFF, 0xD8];
        file.extend(segment(0xC0, &[8, 0x75, 0x30, 0x75, 0x30, 3]));
        file.extend(segment(0xDA, &[1, 1, 0, 0, 63, 0]));
        file.extend([0x12, 0xFF, 0xD9]);
        assert_eq!(jpeg(&file), None);
        // A WebP whose canvas is 16384 × 16384.
        let file = webp_file(&[
            riff_chunk(b"VP8X", &[0x00, 0, 0, 0, 0xFF, 0x3F, 0, 0xFF, 0x3F, 0]),
            riff_chunk(b"VP8 ", &VP8),
        ]);
        assert_eq!(webp(file), None);
    }

    fn png_file(chunks: &[(&[u8; 4], &[u8])]) -> Vec<u8> {
        let mut b = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        for (kind, data) in chunks {
            let chunk = img_parts::png::PngChunk::new(**kind, data.to_vec().into());
            b.extend(chunk.encoder().bytes());
        }
        b
    }

    #[test]
    fn png_keeps_only_known_picture_chunks_up_to_its_end() {
        let ihdr = IHDR_1X1;
        let mut file = png_file(&[
            (b"IHDR", &ihdr),
            (b"iCCP", b"Scanner di Mario\0\0xx"),
            (b"caBX", b"c2pa manifest: Mario Rossi"),
            (b"pHYs", &[0, 0, 11, 19, 0, 0, 11, 19, 1]),
            (b"IDAT", b"xx"),
            (b"IEND", b""),
        ]);
        file.extend(b"appended: Mario Rossi");
        let out = png(file).unwrap();
        assert!(!contains(&out, b"Mario"));
        let kept = png_file(&[
            (b"IHDR", &ihdr),
            (b"pHYs", &[0, 0, 11, 19, 0, 0, 11, 19, 1]),
            (b"IDAT", b"xx"),
            (b"IEND", b""),
        ]);
        assert_eq!(out, kept);
    }

    #[test]
    fn png_without_an_end_or_with_too_many_chunks_is_refused() {
        let ihdr = IHDR_1X1;
        assert_eq!(png(png_file(&[(b"IHDR", &ihdr), (b"IDAT", b"xx")])), None);
        let mut many: Vec<(&[u8; 4], &[u8])> = vec![(b"IHDR", &ihdr)];
        many.extend(std::iter::repeat_n((b"IDAT", &b"x"[..]), MAX_PARTS));
        many.push((b"IEND", b""));
        assert_eq!(png(png_file(&many)), None);
    }

    fn riff_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = kind.to_vec();
        c.extend(u32::try_from(data.len()).unwrap().to_le_bytes());
        c.extend(data);
        if data.len() % 2 == 1 {
            c.push(0);
        }
        c
    }

    fn webp_file(chunks: &[Vec<u8>]) -> Vec<u8> {
        let mut body = b"WEBP".to_vec();
        chunks.iter().for_each(|c| body.extend(c));
        let mut file = b"RIFF".to_vec();
        file.extend(u32::try_from(body.len()).unwrap().to_le_bytes());
        file.extend(body);
        file
    }

    const VP8: [u8; 10] = [0x50, 0x5A, 0x00, 0x9D, 0x01, 0x2A, 0x02, 0x00, 0x02, 0x00];

    #[test]
    fn webp_with_alpha_keeps_its_header_without_the_metadata_flags() {
        // Alpha (0x10), ICC (0x20) and XMP (0x04) announced; a 2×2 canvas.
        let file = webp_file(&[
            riff_chunk(b"VP8X", &[0x34, 0, 0, 0, 1, 0, 0, 1, 0, 0]),
            riff_chunk(b"ICCP", b"profile of Mario"),
            riff_chunk(b"ALPH", &[0, 1, 2]),
            riff_chunk(b"VP8 ", &VP8),
            riff_chunk(b"XMP ", b"<x:xmpmeta>Mario Rossi</x:xmpmeta>"),
            riff_chunk(
                b"LIST",
                &[&b"INFO"[..], &riff_chunk(b"IART", b"Mario")].concat(),
            ),
        ]);
        let out = webp(file).unwrap();
        assert!(!contains(&out, b"Mario"));
        let vp8x = out.windows(4).position(|w| w == b"VP8X").unwrap();
        assert_eq!(out[vp8x + 8], 0x10);
        assert!(contains(&out, &riff_chunk(b"ALPH", &[0, 1, 2])));
    }

    #[test]
    fn webp_animation_frames_keep_only_their_picture() {
        let mut frame = vec![0; 16];
        frame.extend(riff_chunk(b"VP8 ", &VP8));
        frame.extend(riff_chunk(b"XYZW", b"Mario was here"));
        let file = webp_file(&[
            riff_chunk(b"VP8X", &[0x02, 0, 0, 0, 1, 0, 0, 1, 0, 0]),
            riff_chunk(b"ANIM", &[0; 6]),
            riff_chunk(b"ANMF", &frame),
        ]);
        let out = webp(file).unwrap();
        assert!(!contains(&out, b"Mario") && !contains(&out, b"XYZW"));
        assert!(contains(&out, &riff_chunk(b"VP8 ", &VP8)));
        assert!(contains(&out, b"ANMF"));
    }

    #[test]
    fn webp_cut_short_or_with_too_many_chunks_is_refused() {
        let mut file = webp_file(&[riff_chunk(b"VP8 ", &VP8)]);
        file.truncate(file.len() - 3);
        assert_eq!(webp(file), None);
        let many = vec![riff_chunk(b"VP8 ", &VP8); MAX_PARTS + 1];
        assert_eq!(webp(webp_file(&many)), None);
    }
}
