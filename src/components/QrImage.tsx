import { Image } from '@tarojs/components'

/**
 * A QR code with its text alternative (issue 18): `alt` on the H5 <img> (through nativeProps) and `ariaLabel` for
 * WeChat's screen reader. The label says what the code is for and, where it can be typed, the code itself.
 */
export function QrImage({ src, className, label }: { src: string; className: string; label: string }) {
  return <Image className={className} src={src} mode='aspectFit' ariaLabel={label} nativeProps={{ alt: label }} />
}
