//! What a file really is, decided by its first bytes, and images cleaned of their
//! metadata before they are stored.

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
        "image/jpeg" => strip_jpeg(&bytes),
        "image/png" => strip_png(&bytes),
        "image/webp" => strip_webp(&bytes),
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

/// A JPEG without its application segments (EXIF, XMP, maker notes…) and comments;
/// JFIF (APP0) and Adobe's colour information (APP14) stay. None if it is damaged.
fn strip_jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut out = vec![0xFF, 0xD8];
    let mut i = 2;
    loop {
        if *bytes.get(i)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(i + 1)?;
        match marker {
            // Fill bytes.
            0xFF => {
                i += 1;
                continue;
            }
            // Start of scan: the image data, to the end.
            0xDA => {
                out.extend_from_slice(bytes.get(i..)?);
                return Some(out);
            }
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => {
                out.extend_from_slice(&bytes[i..i + 2]);
                i += 2;
                continue;
            }
            // End of image before any scan: damaged.
            0xD9 => return None,
            _ => {}
        }
        let len = usize::from(u16::from_be_bytes([*bytes.get(i + 2)?, *bytes.get(i + 3)?]));
        if len < 2 {
            return None;
        }
        let segment = bytes.get(i..i + 2 + len)?;
        let drop = matches!(marker, 0xE1..=0xED | 0xEF | 0xFE);
        if !drop {
            out.extend_from_slice(segment);
        }
        i += 2 + len;
    }
}

/// A PNG without its text, time and EXIF chunks. None if it is damaged.
fn strip_png(bytes: &[u8]) -> Option<Vec<u8>> {
    const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    if bytes.get(..8)? != SIGNATURE {
        return None;
    }
    let mut out = SIGNATURE.to_vec();
    let mut i = 8;
    while i < bytes.len() {
        let len = u32::from_be_bytes(bytes.get(i..i + 4)?.try_into().ok()?) as usize;
        let kind = bytes.get(i + 4..i + 8)?;
        let chunk = bytes.get(i..i + 12 + len)?;
        if !matches!(kind, b"tEXt" | b"zTXt" | b"iTXt" | b"eXIf" | b"tIME") {
            out.extend_from_slice(chunk);
        }
        i += 12 + len;
        if kind == b"IEND" {
            return Some(out);
        }
    }
    None
}

/// A WebP without its EXIF and XMP chunks (and the flags that announced them).
fn strip_webp(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.get(..4)? != b"RIFF" || bytes.get(8..12)? != b"WEBP" {
        return None;
    }
    let mut body = Vec::with_capacity(bytes.len());
    let mut i = 12;
    while i < bytes.len() {
        let kind = bytes.get(i..i + 4)?;
        let len = u32::from_le_bytes(bytes.get(i + 4..i + 8)?.try_into().ok()?) as usize;
        let padded = len + (len & 1);
        let chunk = bytes.get(i..(i + 8 + padded).min(bytes.len()))?;
        match kind {
            b"EXIF" | b"XMP " => {}
            b"VP8X" => {
                let mut c = chunk.to_vec();
                // Flags: 0x08 EXIF, 0x04 XMP.
                *c.get_mut(8)? &= !0x0C;
                body.extend_from_slice(&c);
            }
            _ => body.extend_from_slice(chunk),
        }
        i += 8 + padded;
    }
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&u32::try_from(body.len() + 4).ok()?.to_le_bytes());
    out.extend_from_slice(b"WEBP");
    out.extend_from_slice(&body);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny JPEG: SOI, APP0 (JFIF), APP1 (EXIF with a place), COM, SOS, data, EOI.
    fn jpeg_with_exif() -> Vec<u8> {
        let mut b = vec![0xFF, 0xD8];
        b.extend([0xFF, 0xE0, 0x00, 0x07, b'J', b'F', b'I', b'F', 0x00]);
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
        assert!(text.contains("JFIF"));
        assert!(out.bytes.ends_with(&[0x11, 0x22, 0x33, 0xFF, 0xD9]));
    }

    fn png(chunks: &[(&[u8; 4], &[u8])]) -> Vec<u8> {
        let mut b = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        for (kind, data) in chunks {
            b.extend((data.len() as u32).to_be_bytes());
            b.extend(*kind);
            b.extend(*data);
            b.extend([0, 0, 0, 0]);
        }
        b
    }

    #[test]
    fn png_text_chunks_are_removed() {
        let ihdr = [0u8; 13];
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
