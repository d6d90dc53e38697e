//! Make a photo-like JPEG with phone metadata (EXIF orientation, GPS, XMP),
//! for the sample site and the image benchmark (docs/images.md):
//!
//!     cargo run --release --example make_photo -- OUT.jpg WIDTH HEIGHT [ORIENTATION] [QUALITY]

#[path = "../tests/it/photo_gen.rs"]
mod photo_gen;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: make_photo OUT.jpg WIDTH HEIGHT [ORIENTATION 1-8] [QUALITY 1-100]");
        std::process::exit(2);
    }
    let num = |i: usize, default: u32| -> u32 {
        args.get(i)
            .map(|s| s.parse().expect("a number"))
            .unwrap_or(default)
    };
    let (w, h) = (num(1, 0), num(2, 0));
    let orientation = num(3, 1) as u16;
    let quality = num(4, 85) as u8;
    let bytes = photo_gen::jpeg_of(&photo_gen::landscape(w, h), orientation, true, quality);
    std::fs::write(&args[0], &bytes).expect("write the photo");
    println!(
        "{}: {w}×{h}, orientation {orientation}, {} KB, with GPS",
        args[0],
        bytes.len() / 1024
    );
}
