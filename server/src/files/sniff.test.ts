import { sniffDocument, sniffImage } from './sniff'

const bytes = (...b: number[]) => Uint8Array.from(b)

describe('sniffImage', () => {
  it('recognises JPEG, PNG and WebP by magic number', () => {
    expect(sniffImage(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('image/jpeg')
    expect(sniffImage(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png')
    expect(sniffImage(Buffer.concat([Buffer.from('RIFF'), Buffer.from([1, 2, 3, 4]), Buffer.from('WEBPVP8 ')]))).toBe('image/webp')
  })

  it('refuses everything else, including truncated headers', () => {
    expect(sniffImage(Buffer.from('not an image, just text.jpg'))).toBeNull()
    expect(sniffImage(Buffer.from('GIF89a......'))).toBeNull()
    expect(sniffImage(Buffer.concat([Buffer.from('RIFF'), Buffer.from([1, 2, 3, 4]), Buffer.from('WAVE')]))).toBeNull()
    expect(sniffImage(bytes(0x89, 0x50, 0x4e, 0x47))).toBeNull()
    expect(sniffImage(bytes(0xff, 0xd8))).toBeNull()
    expect(sniffImage(new Uint8Array())).toBeNull()
    expect(sniffImage(Buffer.from('%PDF-1.7'))).toBeNull()
  })
})

describe('sniffDocument', () => {
  it('accepts the images and a PDF header, nothing else', () => {
    expect(sniffDocument(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg')
    expect(sniffDocument(Buffer.from('%PDF-1.7\n%âãÏÓ'))).toBe('application/pdf')
    expect(sniffDocument(Buffer.from('%PD'))).toBeNull()
    expect(sniffDocument(Buffer.from('PK\x03\x04 word.docx'))).toBeNull()
    expect(sniffDocument(Buffer.from('<html>%PDF-</html>'))).toBeNull()
  })
})
