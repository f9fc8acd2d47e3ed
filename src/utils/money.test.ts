import { yuanText } from './money'

describe('money', () => {
  it('money in yuan with thousands separators', () => {
    expect(yuanText(20000)).toBe('¥20,000')
    expect(yuanText(1234.5)).toBe('¥1,234.5')
    expect(yuanText(80)).toBe('¥80')
    expect(yuanText(null)).toBe('—')
  })
})
