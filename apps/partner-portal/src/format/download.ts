/** Saves a file the API returned (base64 or text) through a temporary object URL. */
export function saveFile(file: {
  filename: string
  contentType: string
  encoding: 'base64' | 'utf8'
  data: string
}) {
  const bytes =
    file.encoding === 'base64'
      ? Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0))
      : new TextEncoder().encode(file.data)
  const url = URL.createObjectURL(new Blob([bytes], { type: file.contentType }))
  const a = document.createElement('a')
  a.href = url
  a.download = file.filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
