import QRCode from 'qrcode'
import { useEffect, useState } from 'react'

/**
 * A QR code of `text` (the qrcode library, in the browser), with PNG and SVG downloads. Both are
 * data: URLs, which the portal's Content-Security-Policy allows for images.
 */
export function QrCode({ text, fileName }: { readonly text: string; readonly fileName: string }) {
  const [png, setPng] = useState<string | null>(null)
  const [svg, setSvg] = useState<string | null>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    let live = true
    setFailed(false)
    Promise.all([
      QRCode.toDataURL(text, { margin: 2, width: 512, errorCorrectionLevel: 'M' }),
      QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }),
    ]).then(
      ([pngUrl, svgText]) => {
        if (!live) return
        setPng(pngUrl)
        setSvg(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`)
      },
      () => live && setFailed(true),
    )
    return () => {
      live = false
    }
  }, [text])
  if (failed) return <p className="muted small">This link is too long for a QR code.</p>
  return (
    <div className="qr-box" data-testid="qr-code">
      {png ? (
        <img src={png} alt={`QR code for ${text}`} />
      ) : (
        <span className="skeleton" style={{ width: 200, height: 200 }} />
      )}
      <div className="form-actions">
        <a
          className="button button-small"
          href={png ?? undefined}
          download={`${fileName}.png`}
          aria-disabled={!png}
        >
          Download PNG
        </a>
        <a
          className="button button-small"
          href={svg ?? undefined}
          download={`${fileName}.svg`}
          aria-disabled={!svg}
        >
          Download SVG
        </a>
      </div>
    </div>
  )
}
