// Chart images for slides (issue 17): the chart's SVG as drawn, with its title above and the source line (and the
// synthetic-data flag) below, as a standalone SVG or a PNG at twice the size. Built in the browser from the SVG on
// screen, so the image is exactly the chart the user sees.

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 'Arial, Helvetica, sans-serif';

export interface ImageText {
  title: string;
  /** Lines under the chart: the source, then the synthetic flag when the data are synthetic. */
  notes: string[];
}

function textLine(doc: Document, text: string, x: number, y: number, size: number, weight: 'bold' | 'normal', fill = '#0b0c0c'): SVGTextElement {
  const el = doc.createElementNS(SVG_NS, 'text');
  el.setAttribute('x', String(x));
  el.setAttribute('y', String(y));
  el.setAttribute('font-size', String(size));
  el.setAttribute('font-weight', weight);
  el.setAttribute('fill', fill);
  el.textContent = text;
  return el;
}

/** A standalone SVG document: white background, title, the chart, then the notes. */
export function chartImageSvg(chart: SVGSVGElement, text: ImageText): { svg: string; width: number; height: number } {
  const doc = chart.ownerDocument;
  const box = chart.getBoundingClientRect();
  const width = Math.max(1, Math.round(Number(chart.getAttribute('width')) || box.width));
  const chartHeight = Math.max(1, Math.round(Number(chart.getAttribute('height')) || box.height));
  const top = 40;
  const height = top + chartHeight + 16 + text.notes.length * 20;
  const root = doc.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('font-family', FONT);
  const background = doc.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  root.appendChild(background);
  root.appendChild(textLine(doc, text.title, 0, 24, 18, 'bold'));
  const copy = chart.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('x', '0');
  copy.setAttribute('y', String(top));
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(chartHeight));
  copy.removeAttribute('class');
  copy.removeAttribute('style');
  root.appendChild(copy);
  text.notes.forEach((note, i) => {
    const synthetic = /synthetic/i.test(note);
    root.appendChild(textLine(doc, note, 0, top + chartHeight + 20 + i * 20, 13, synthetic ? 'bold' : 'normal', synthetic ? '#d4351c' : '#505a5f'));
  });
  return { svg: new XMLSerializer().serializeToString(root), width, height };
}

/** The SVG drawn onto a canvas at `scale`, as a PNG (via a data: URL, which the Content-Security-Policy allows). */
export function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = width * scale;
      canvas.height = height * scale;
      const context = canvas.getContext('2d');
      if (!context) return reject(new Error('This browser cannot draw images.'));
      context.scale(scale, scale);
      context.drawImage(image, 0, 0, width, height);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The image could not be made.'))), 'image/png');
    };
    image.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
}

/** Saves a blob under a file name, through a temporary link. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked late: a large export may still be being written to disk when the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name from a chart title: lower case, words joined by hyphens. */
export const imageFileStem = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80) || 'chart';
