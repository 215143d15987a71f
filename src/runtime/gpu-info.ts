/**
 * What GPU the environment offers, asked before tfjs initialises a GPU backend, so a
 * software renderer (SwiftShader, llvmpipe) is skipped without compiling any shader.
 * Reached through globalThis: the core's type settings have no DOM or WebGPU types.
 */

/** A GPU as the browser describes it; `software` when it is a CPU fallback. */
export interface GpuInfo {
  description: string;
  /** True for WebGPU's fallback adapter (a software implementation). */
  fallback: boolean;
}

interface GlContext {
  getExtension(name: string): { UNMASKED_RENDERER_WEBGL: number } | null;
  getParameter(p: number): unknown;
  RENDERER: number;
}

interface CanvasLike {
  getContext(kind: string): GlContext | null;
}

type CanvasCtor = new (w: number, h: number) => CanvasLike;

/** A 1×1 canvas (OffscreenCanvas in workers, a DOM canvas in pages), or null. */
function smallCanvas(): CanvasLike | null {
  const g = globalThis as {
    OffscreenCanvas?: CanvasCtor;
    document?: { createElement(t: string): CanvasLike };
  };
  if (g.OffscreenCanvas) return new g.OffscreenCanvas(1, 1);
  return g.document?.createElement('canvas') ?? null;
}

/** The WebGL renderer (WEBGL_debug_renderer_info's UNMASKED_RENDERER), or null without WebGL. */
export function webglInfo(): GpuInfo | null {
  try {
    const canvas = smallCanvas();
    const gl = canvas?.getContext('webgl2') ?? canvas?.getContext('webgl') ?? null;
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
    return { description: typeof renderer === 'string' ? renderer : '', fallback: false };
  } catch {
    return null;
  }
}

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

interface AdapterLike {
  info?: AdapterInfoLike;
  isFallbackAdapter?: boolean;
}

/** The WebGPU adapter tfjs would get (its info and whether it is the fallback one), or null without WebGPU. */
export async function webgpuInfo(): Promise<GpuInfo | null> {
  const gpu = (
    globalThis as { navigator?: { gpu?: { requestAdapter(o?: object): Promise<AdapterLike | null> } } }
  ).navigator?.gpu;
  if (!gpu) return null;
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return null;
    const info = adapter.info ?? {};
    const description = [info.vendor, info.architecture, info.device, info.description]
      .filter((s): s is string => typeof s === 'string' && s !== '')
      .join(' ');
    return { description, fallback: info.isFallbackAdapter === true || adapter.isFallbackAdapter === true };
  } catch {
    return null;
  }
}
