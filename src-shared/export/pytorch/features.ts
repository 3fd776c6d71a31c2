/**
 * The run's fixed feature transform φ as a parameterless PyTorch module inside model.py,
 * so the exported model reads the same raw (normalised) inputs as the lab's and every
 * prediction and training step applies φ first. Each restates its case of applyFeatures
 * in src-shared/features/transforms.ts; change both together (the replay and forward
 * tests in test/src-main/models/pytorch-features.test.ts fail until they agree).
 *
 * The lab computes φ in double precision and stores it in float32; where it accumulates
 * (the histograms) it rounds to float32 after every single addition, so the modules do
 * the same additions in the same order, which makes φ bit for bit the lab's.
 */
import type { FeatureTransform } from '../../features/transforms';

/** `code`: the module's class; `construct`: the Python expression LabModel builds it with. */
export interface FeaturesPython {
  code: string;
  construct: string;
}

export function featuresPython(t: FeatureTransform | undefined): FeaturesPython {
  if (!t) return { code: '', construct: 'nn.Identity()' };
  switch (t.kind) {
    case 'polar': return { code: polar, construct: 'PolarFeatures()' };
    case 'polynomial': return { code: polynomial, construct: 'PolynomialFeatures()' };
    case 'sincos': return { code: sincos, construct: 'SinCosFeatures()' };
    case 'color-histogram': return { code: colorHistogram, construct: `ColorHistogram(width=${t.width}, height=${t.height}, channels=${t.channels}, bins=${t.bins})` };
    case 'hog': return { code: orientedGradients, construct: `OrientedGradients(width=${t.width}, height=${t.height}, channels=${t.channels}, cell=${t.cell}, bins=${t.bins})` };
  }
}

const polar = String.raw`
class PolarFeatures(nn.Module):
    """(x, y) -> (r, theta) = (sqrt(x^2 + y^2), atan2(y, x)), theta in [-pi, pi]: rings become lines r = const."""

    def forward(self, x):
        p = x.double()
        return torch.stack([torch.hypot(p[:, 0], p[:, 1]), torch.atan2(p[:, 1], p[:, 0])], dim=1).to(x.dtype)
`;

const polynomial = String.raw`
class PolynomialFeatures(nn.Module):
    """(x, y) -> (x, y, x^2, y^2, x*y): every conic of the plane is a straight line here."""

    def forward(self, x):
        p = x.double()
        px, py = p[:, 0], p[:, 1]
        return torch.stack([px, py, px * px, py * py, px * py], dim=1).to(x.dtype)
`;

const sincos = String.raw`
class SinCosFeatures(nn.Module):
    """(x, y) -> (sin pi*x, cos pi*x, sin pi*y, cos pi*y): periodic features for stripes and checkerboards."""

    def forward(self, x):
        p = x.double() * math.pi
        return torch.stack([torch.sin(p[:, 0]), torch.cos(p[:, 0]), torch.sin(p[:, 1]), torch.cos(p[:, 1])], dim=1).to(x.dtype)
`;

const colorHistogram = String.raw`
class ColorHistogram(nn.Module):
    """Per channel, the share of pixels in each of 'bins' equal bins of [0, 1] (values
    outside go to the first or last bin): [batch, H*W*C] -> [batch, C*bins], channel by channel."""

    def __init__(self, width, height, channels, bins):
        super().__init__()
        self.pixels, self.channels, self.bins = width * height, channels, bins
        # The lab adds 1/pixels into a float32 bin once per pixel, rounding each time;
        # shares[c] is what c such additions leave, so a bin's value depends only on its count.
        share, value, table = 1 / self.pixels, np.float32(0), [0.0]
        for _ in range(self.pixels):
            value = np.float32(float(value) + share)
            table.append(float(value))
        self.register_buffer("shares", torch.tensor(table, dtype=torch.float32), persistent=False)

    def forward(self, x):
        n = x.shape[0]
        values = x.double().reshape(n, self.pixels, self.channels).transpose(1, 2)
        bins = torch.clamp(torch.floor(values * self.bins), 0, self.bins - 1).long()
        counts = torch.zeros(n, self.channels, self.bins, dtype=torch.long, device=x.device)
        counts.scatter_add_(2, bins, torch.ones_like(bins))
        return self.shares[counts].reshape(n, self.channels * self.bins).to(x.dtype)
`;

const orientedGradients = String.raw`
class OrientedGradients(nn.Module):
    """Histogram of oriented gradients: gray = channel mean; gradients by centered differences
    (one-sided at the border); per cell of cell x cell pixels (whole cells only, from the top
    left), a histogram of unsigned orientation (bins over [0, pi)) weighted by gradient
    magnitude, scaled to unit length (+1e-6): [batch, H*W*C] -> [batch, rows*cols*bins],
    cells row by row."""

    def __init__(self, width, height, channels, cell, bins):
        super().__init__()
        self.width, self.height, self.channels, self.cell, self.bins = width, height, channels, cell, bins
        self.rows, self.cols = height // cell, width // cell

    def forward(self, x):
        n, cell, rows, cols, bins = x.shape[0], self.cell, self.rows, self.cols, self.bins
        image = x.double().reshape(n, self.height, self.width, self.channels)
        gray = image[..., 0]
        for c in range(1, self.channels):
            gray = gray + image[..., c]
        gray = gray / self.channels
        gx = torch.cat([gray[:, :, 1:], gray[:, :, -1:]], 2) - torch.cat([gray[:, :, :1], gray[:, :, :-1]], 2)
        gy = torch.cat([gray[:, 1:], gray[:, -1:]], 1) - torch.cat([gray[:, :1], gray[:, :-1]], 1)
        magnitude = torch.hypot(gx, gy)
        angle = torch.atan2(gy, gx)
        # unsigned orientation: an edge is the same edge either way round
        angle = torch.where(angle < 0, angle + math.pi, angle)
        bin_of = torch.clamp(torch.floor(angle / math.pi * bins), 0, bins - 1).long()

        def by_cell(values):
            """[n, H, W] -> [n, rows, cols, cell*cell]: each cell's pixels row by row, as the lab visits them."""
            whole = values[:, :rows * cell, :cols * cell].reshape(n, rows, cell, cols, cell)
            return whole.permute(0, 1, 3, 2, 4).reshape(n, rows, cols, cell * cell)

        magnitude, bin_of = by_cell(magnitude), by_cell(bin_of)
        # one pixel at a time into float32 bins, as the lab adds them
        histogram = torch.zeros(n, rows, cols, bins, dtype=torch.float32, device=x.device)
        for k in range(cell * cell):
            histogram = histogram.double().scatter_add(3, bin_of[..., k:k + 1], magnitude[..., k:k + 1]).float()
        # unit length per cell, so contrast does not matter, only the shape of the edges
        norm = torch.zeros(n, rows, cols, 1, dtype=torch.float64, device=x.device)
        for b in range(bins):
            value = histogram[..., b:b + 1].double()
            norm = norm + value * value
        norm = torch.sqrt(norm) + 1e-6
        return (histogram.double() / norm).reshape(n, rows * cols * bins).to(x.dtype)
`;
