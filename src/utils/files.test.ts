import { fileSizeText } from './files'

describe('file sizes', () => {
  it('in KB, or MB with one decimal', () => {
    expect(fileSizeText(1500)).toBe('1 KB')
    expect(fileSizeText(2.5 * 1024 * 1024)).toBe('2.5 MB')
  })
})
