/**
 * A short text summary of a V8 CPU profile (.cpuprofile), for the benchmark's --cpu-profile:
 * where the tracker's main thread spent its time under load. Two views: self time per function,
 * and time per innermost tracker function (src/…, callees included), which says which step of
 * the click path costs what. Idle time is left out of the percentages.
 */
interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
export interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
}

const IDLE = new Set(['(idle)', '(program)'])

export function summarizeProfile(profile: CpuProfile, top = 15): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const label = (n: ProfileNode) => {
    const file = n.callFrame.url.replace(/^.*\/(src|bench|node_modules)\//, '$1/').replace(/^node:/, '')
    return `${n.callFrame.functionName || '(anonymous)'}${file ? ` ${file}` : ''}`
  }
  const self = new Map<string, number>()
  const step = new Map<string, number>()
  let busy = 0
  for (const id of profile.samples) {
    const leaf = byId.get(id)!
    if (IDLE.has(leaf.callFrame.functionName)) continue
    busy++
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + 1)
    let owner = 'outside the tracker (node:http, timers, GC…)'
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur)!
      if (/\/apps\/tracker\/src\//.test(n.callFrame.url)) {
        owner = label(n)
        break
      }
    }
    step.set(owner, (step.get(owner) ?? 0) + 1)
  }
  const list = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, n]) => `    ${((100 * n) / Math.max(1, busy)).toFixed(1).padStart(5)} %  ${name}`)
  return [
    `  busy ${((100 * busy) / Math.max(1, profile.samples.length)).toFixed(0)} % of ${profile.samples.length} samples; self time (top ${top}):`,
    ...list(self),
    '  by innermost tracker function (callees included):',
    ...list(step),
  ]
}
