import { checkDigit, maskIdNumber, maskName, maskPhone, parseIdNumber } from './idcard'

describe('parseIdNumber (GB 11643)', () => {
  const today = new Date('2026-11-23T00:00:00Z')

  it('accepts a number whose check character matches and derives birth date and gender', () => {
    expect(parseIdNumber('440306199508151238', today)).toEqual({
      ok: true,
      normalized: '440306199508151238',
      birthDate: '1995-08-15',
      gender: 'male',
    })
    // An X check character, typed in lower case.
    const first17 = '11010519491231002'
    expect(checkDigit(first17)).toBe('X')
    expect(parseIdNumber(`${first17}x`, today)).toMatchObject({ ok: true, normalized: `${first17}X`, gender: 'female' })
  })

  it('refuses a wrong check digit, a bad length, an impossible or future birth date, with a message', () => {
    expect(parseIdNumber('440306199508151230', today)).toEqual({ ok: false, message: '身份证号码校验位不正确，请核对后重新输入' })
    expect(parseIdNumber('44030619950815123', today)).toMatchObject({ ok: false, message: expect.stringContaining('18 位') })
    const feb30 = '44030619950230123'
    expect(parseIdNumber(feb30 + checkDigit(feb30), today)).toMatchObject({ ok: false, message: expect.stringContaining('出生日期') })
    const future = '44030620300101123'
    expect(parseIdNumber(future + checkDigit(future), today)).toMatchObject({ ok: false, message: expect.stringContaining('出生日期') })
    expect(parseIdNumber('   ', today)).toEqual({ ok: false, message: '请输入身份证号码' })
  })
})

describe('masking', () => {
  it('keeps only what a clerk needs to recognise the person', () => {
    expect(maskIdNumber('350203199001011234')).toBe('3502**********1234')
    expect(maskPhone('13800138000')).toBe('138****8000')
    expect(maskName('张三明')).toBe('张*明')
    expect(maskName('李四')).toBe('李*')
    expect(maskName('欧阳娜娜')).toBe('欧**娜')
  })
})
