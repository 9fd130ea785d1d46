/** Copy-ready integration text for one program: what the tracker README describes, filled in. */
export function integrationSnippets(
  trackerUrl: string,
  program: { slug: string; clickParam: string; postbackToken: string },
) {
  const base = trackerUrl.replace(/\/+$/, '')
  const slug = encodeURIComponent(program.slug)
  const token = encodeURIComponent(program.postbackToken)
  return {
    trackerUrl: base,
    snippet: [
      '<!-- every page: keeps the click id from the landing URL in a first-party cookie -->',
      '<script>window.tandem = window.tandem || function () { (tandem.q = tandem.q || []).push(arguments) }</script>',
      `<script async src="${base}/t.js?program=${slug}"></script>`,
      '',
      '<!-- thank-you page (prefer the server-side postback below) -->',
      `<script>tandem('conversion', { order_id: '{order_id}', amount: '{amount}', currency: '{currency}' })</script>`,
    ].join('\n'),
    postbackUrl: `${base}/postback?token=${token}&program=${slug}&${program.clickParam}={click_id}&order_id={order_id}&amount={amount}&currency={currency}`,
    refundUrl: `${base}/postback?token=${token}&program=${slug}&action=update&order_id={order_id}&refund_amount={refund_amount}&refund_id={refund_id}`,
    signedExample: [
      "SECRET='<postback HMAC secret>'",
      `PARAMS="amount=42.00&currency={currency}&order_id={order_id}&program=${slug}&ts=$(date +%s)"  # sorted by name`,
      `SIG=$(printf '%s' "$PARAMS" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.* //')`,
      `curl "${base}/postback?$PARAMS&sig=$SIG"`,
    ].join('\n'),
    linkExample: `${base}/r/{link_code}`,
  }
}
