//! What a file really is, decided by its first bytes, and images cleaned of their
//! metadata before they are stored (`images`).

use super::images;
use super::model::MAX_BYTES;
use crate::i18n::T;

/// Which files a place accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accept {
    /// PNG, JPEG, WebP, GIF.
    Images,
    /// Images, PDF, OpenDocument and Office documents, plain text and CSV.
    Documents,
}

const IMAGES: [&str; 4] = ["image/png", "image/jpeg", "image/webp", "image/gif"];
const DOCUMENTS: [&str; 5] = [
    "application/pdf",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
];

/// A file that passed: its type, its (cleaned) bytes and name.
#[derive(Debug)]
pub struct Checked {
    pub mime: &'static str,
    pub bytes: Vec<u8>,
    pub name: String,
}

/// Checks a file: not empty, not too large, of an accepted type by its content;
/// images lose their metadata. The problem otherwise.
pub fn check(name: &str, bytes: Vec<u8>, accept: Accept) -> Result<Checked, T> {
    if bytes.is_empty() {
        return Err(T::UploadEmpty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(T::UploadTooLarge);
    }
    let name = clean_name(name);
    let sniffed = infer::get(&bytes).map(|t| t.mime_type());
    let mime = match sniffed {
        Some(m) if IMAGES.contains(&m) => IMAGES.into_iter().find(|x| *x == m),
        Some(m) if accept == Accept::Documents => DOCUMENTS.into_iter().find(|x| *x == m),
        Some(_) => None,
        None if accept == Accept::Documents => plain_text(&name, &bytes),
        None => None,
    }
    .ok_or(T::UploadTypeRefused)?;
    let bytes = match mime {
        "image/jpeg" => images::jpeg(&bytes),
        "image/png" => images::png(bytes),
        "image/webp" => images::webp(bytes),
        "image/gif" => images::gif(&bytes),
        _ => Some(bytes),
    }
    .ok_or(T::UploadDamaged)?;
    Ok(Checked { mime, bytes, name })
}

/// Text files have no signature: UTF-8 without control characters, named .txt or .csv.
fn plain_text(name: &str, bytes: &[u8]) -> Option<&'static str> {
    let text = std::str::from_utf8(bytes).ok()?;
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".csv") {
        Some("text/csv")
    } else if lower.ends_with(".txt") {
        Some("text/plain")
    } else {
        None
    }
}

/// The last part of a path, without control characters, at most 120 characters.
pub fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect::<String>()
        .trim()
        .trim_start_matches('.')
        .to_string();
    if cleaned.is_empty() {
        "file".to_string()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny JPEG: SOI, APP0 (JFIF with a 1×1 thumbnail), APP1 (EXIF with a place),
    /// COM, SOS, data, EOI.
    fn jpeg_with_exif() -> Vec<u8> {
        let mut b = vec![0xFF, 0xD8];
        b.extend([0xFF, 0xE0, 0x00, 19]);
        b.extend(b"JFIF\0\x01\x02\x00\x00\x48\x00\x48\x01\x01\xAB\xCD\xEF");
        let exif = b"Exif\0\0GPS 44.41N 11.91E";
        b.extend([0xFF, 0xE1, 0x00, (exif.len() + 2) as u8]);
        b.extend(exif);
        b.extend([0xFF, 0xFE, 0x00, 0x06, b'c', b'i', b'a', b'o']);
        b.extend([0xFF, 0xDA, 0x00, 0x02, 0x11, 0x22, 0x33, 0xFF, 0xD9]);
        b
    }

    #[test]
    fn jpeg_metadata_is_removed_and_the_image_kept() {
        let out = check("../../foto.jpg", jpeg_with_exif(), Accept::Images).unwrap();
        assert_eq!(out.mime, "image/jpeg");
        assert_eq!(out.name, "foto.jpg");
        let text = String::from_utf8_lossy(&out.bytes);
        assert!(!text.contains("GPS") && !text.contains("ciao"), "{text}");
        // JFIF's header stays, its thumbnail (which shows the uncropped picture) goes.
        let jfif = b"\xFF\xE0\x00\x10JFIF\0\x01\x02\x00\x00\x48\x00\x48\x00\x00\xFF";
        assert!(out.bytes.windows(jfif.len()).any(|w| w == jfif));
        assert!(!out.bytes.windows(3).any(|w| w == [0xAB, 0xCD, 0xEF]));
        assert!(out.bytes.ends_with(&[0x11, 0x22, 0x33, 0xFF, 0xD9]));
    }

    fn png(chunks: &[(&[u8; 4], &[u8])]) -> Vec<u8> {
        let mut b = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        for (kind, data) in chunks {
            let chunk = img_parts::png::PngChunk::new(**kind, data.to_vec().into());
            b.extend(chunk.encoder().bytes());
        }
        b
    }

    #[test]
    fn png_text_chunks_are_removed() {
        let ihdr = [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];
        let file = png(&[
            (b"IHDR", &ihdr),
            (b"tEXt", b"Author\0Mario"),
            (b"IDAT", b"xx"),
            (b"IEND", b""),
        ]);
        let out = check("mappa.png", file, Accept::Images).unwrap();
        assert!(!String::from_utf8_lossy(&out.bytes).contains("Mario"));
        assert_eq!(
            out.bytes,
            png(&[(b"IHDR", &ihdr), (b"IDAT", b"xx"), (b"IEND", b"")])
        );
    }

    #[test]
    fn png_with_a_wrong_checksum_is_damaged() {
        let ihdr = [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];
        let mut file = png(&[(b"IHDR", &ihdr), (b"IEND", b"")]);
        file[29] ^= 0xFF;
        assert_eq!(
            check("mappa.png", file, Accept::Images).unwrap_err(),
            T::UploadDamaged
        );
    }

    fn riff_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = kind.to_vec();
        c.extend((data.len() as u32).to_le_bytes());
        c.extend(data);
        if data.len() % 2 == 1 {
            c.push(0);
        }
        c
    }

    #[test]
    fn webp_loses_exif_and_xmp_and_their_flags() {
        // VP8X with the EXIF (0x08) and XMP (0x04) flags, a 2×2 canvas.
        let vp8x = [0x0C, 0, 0, 0, 1, 0, 0, 1, 0, 0];
        let vp8 = [0x50, 0x5A, 0x00, 0x9D, 0x01, 0x2A, 0x02, 0x00, 0x02, 0x00];
        let mut body = b"WEBP".to_vec();
        body.extend(riff_chunk(b"VP8X", &vp8x));
        body.extend(riff_chunk(b"VP8 ", &vp8));
        body.extend(riff_chunk(b"EXIF", b"MM\0*GPS 44.41N 11.91E"));
        body.extend(riff_chunk(b"XMP ", b"<x:xmpmeta>Mario Rossi</x:xmpmeta>"));
        let mut file = b"RIFF".to_vec();
        file.extend((body.len() as u32).to_le_bytes());
        file.extend(body);
        let out = check("foto.webp", file, Accept::Images).unwrap();
        assert_eq!(out.mime, "image/webp");
        let text = String::from_utf8_lossy(&out.bytes);
        assert!(!text.contains("GPS") && !text.contains("Mario"), "{text}");
        assert!(text.contains("VP8 "));
        // Nothing left that needs the extended header, so it goes too.
        assert!(!text.contains("VP8X"), "{text}");
        let size = u32::from_le_bytes(out.bytes[4..8].try_into().unwrap()) as usize;
        assert_eq!(size + 8, out.bytes.len());
    }

    /// A two-frame looping GIF with a comment and an XMP application block.
    fn gif_with_metadata() -> Vec<u8> {
        let palette = [0, 0, 0, 255, 255, 255, 0, 128, 0, 200, 0, 0];
        let mut e = gif::Encoder::new(Vec::new(), 4, 2, &palette).unwrap();
        e.set_repeat(gif::Repeat::Infinite).unwrap();
        e.write_raw_extension(gif::Extension::Comment.into(), &[b"ciao Mario Rossi"])
            .unwrap();
        e.write_raw_extension(
            gif::Extension::Application.into(),
            &[b"XMP DataXMP", b"<x:xmpmeta>GPS 44.41N</x:xmpmeta>"],
        )
        .unwrap();
        for pixels in [[0u8, 1, 2, 3, 3, 2, 1, 0], [2; 8]] {
            let mut frame = gif::Frame::from_indexed_pixels(4, 2, pixels.to_vec(), None);
            frame.delay = 25;
            e.write_frame(&frame).unwrap();
        }
        e.into_inner().unwrap()
    }

    fn frames(file: &[u8]) -> (gif::Repeat, Vec<(u16, Vec<u8>)>) {
        let mut options = gif::DecodeOptions::new();
        options.set_color_output(gif::ColorOutput::Indexed);
        let mut d = options.read_info(file).unwrap();
        let mut out = Vec::new();
        while let Some(f) = d.read_next_frame().unwrap() {
            out.push((f.delay, f.buffer.to_vec()));
        }
        (d.repeat(), out)
    }

    #[test]
    fn gif_keeps_its_frames_and_loop_but_no_comment_or_xmp() {
        let file = gif_with_metadata();
        assert!(String::from_utf8_lossy(&file).contains("Mario"));
        let out = check("saluti.gif", file.clone(), Accept::Images).unwrap();
        assert_eq!(out.mime, "image/gif");
        let text = String::from_utf8_lossy(&out.bytes);
        assert!(
            !text.contains("Mario") && !text.contains("XMP") && !text.contains("GPS"),
            "{text}"
        );
        assert_eq!(frames(&out.bytes), frames(&file));
        assert_eq!(frames(&out.bytes).1.len(), 2);
        assert_eq!(frames(&out.bytes).0, gif::Repeat::Infinite);
        // Cut short inside a frame: refused rather than stored.
        let mut cut = gif_with_metadata();
        cut.truncate(cut.len() - 12);
        assert_eq!(
            check("saluti.gif", cut, Accept::Images).unwrap_err(),
            T::UploadDamaged
        );
    }

    #[test]
    fn types_are_decided_by_content() {
        let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".to_vec();
        assert_eq!(
            check("relazione.pdf", pdf.clone(), Accept::Documents)
                .unwrap()
                .mime,
            "application/pdf"
        );
        assert_eq!(
            check("relazione.pdf", pdf, Accept::Images).unwrap_err(),
            T::UploadTypeRefused
        );
        // A page pretending to be a picture.
        let html = b"<html><script>alert(1)</script></html>".to_vec();
        assert_eq!(
            check("foto.jpg", html.clone(), Accept::Images).unwrap_err(),
            T::UploadTypeRefused
        );
        assert_eq!(
            check("pagina.txt.html", html, Accept::Documents).unwrap_err(),
            T::UploadTypeRefused
        );
        assert_eq!(
            check(
                "dati.csv",
                "comune;residenti\nLugo;32000\n".into(),
                Accept::Documents
            )
            .unwrap()
            .mime,
            "text/csv"
        );
        // An executable named like a document.
        let exe = [b"MZ".as_slice(), &[0x90, 0, 3, 0, 0, 0, 4, 0]].concat();
        assert_eq!(
            check("bando.pdf", exe, Accept::Documents).unwrap_err(),
            T::UploadTypeRefused
        );
        assert_eq!(
            check("vuoto.pdf", vec![], Accept::Documents).unwrap_err(),
            T::UploadEmpty
        );
        assert_eq!(
            check("grande.csv", vec![b'a'; MAX_BYTES + 1], Accept::Documents).unwrap_err(),
            T::UploadTooLarge
        );
        // A JPEG cut short is refused rather than stored.
        let mut cut = jpeg_with_exif();
        cut.truncate(12);
        assert_eq!(
            check("x.jpg", cut, Accept::Images).unwrap_err(),
            T::UploadDamaged
        );
    }

    #[test]
    fn names_lose_paths_and_control_characters() {
        assert_eq!(
            clean_name("C:\\Users\\mario\\bando 2026.pdf"),
            "bando 2026.pdf"
        );
        assert_eq!(clean_name("..\u{0}/.htaccess"), "htaccess");
        assert_eq!(clean_name(""), "file");
    }
}
