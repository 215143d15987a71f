/**
 * The Python helpers every exported PyTorch file starts with: modules that make PyTorch
 * compute exactly what the app's tfjs layers compute. Tensors of rank 4 are NCHW here
 * (PyTorch's layout) where the app uses NHWC; every other rank is laid out as in the app.
 */
export const PYTORCH_PRELUDE = String.raw`import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def channel_dim(x):
    """The app's last (channel) axis: dim 1 for NCHW images, the last dim otherwise."""
    return 1 if x.dim() == 4 else -1


def activate(x, name, alpha=0.01):
    """The tfjs activation 'name' (gelu is the exact, erf-based one; swish is SiLU)."""
    if name in (None, "linear"):
        return x
    if name == "relu":
        return F.relu(x)
    if name == "leaky-relu":
        return F.leaky_relu(x, alpha)
    if name == "elu":
        return F.elu(x)
    if name == "gelu":
        return F.gelu(x)
    if name == "swish":
        return F.silu(x)
    if name == "sigmoid":
        return torch.sigmoid(x)
    if name == "tanh":
        return torch.tanh(x)
    if name == "softmax":
        return F.softmax(x, dim=channel_dim(x))
    raise ValueError("unknown activation " + str(name))


def init_kernel(w, initializer, fan_in, fan_out):
    """Keras/tfjs initialisers with the app's fans (tfjs truncates its normals at 2 std, unscaled)."""
    with torch.no_grad():
        scale, n = {
            "glorotUniform": (1.0, (fan_in + fan_out) / 2), "glorotNormal": (1.0, (fan_in + fan_out) / 2),
            "heUniform": (2.0, fan_in), "heNormal": (2.0, fan_in),
            "leCunUniform": (1.0, fan_in), "leCunNormal": (1.0, fan_in),
        }[initializer]
        if initializer.endswith("Uniform"):
            limit = math.sqrt(3.0 * scale / n)
            w.uniform_(-limit, limit)
        else:
            std = math.sqrt(scale / n)
            nn.init.trunc_normal_(w, 0.0, std, -2 * std, 2 * std)


class Conv2d(nn.Conv2d):
    """nn.Conv2d with explicit (possibly uneven) TensorFlow 'same' padding and a fused activation."""

    def __init__(self, *args, pad=None, activation="linear", initializer="glorotUniform", fans=None, **kw):
        super().__init__(*args, **kw)
        self.pad, self.activation = pad, activation
        init_kernel(self.weight, initializer, *fans)
        if self.bias is not None:
            nn.init.zeros_(self.bias)

    def forward(self, x):
        if self.pad is not None:
            x = F.pad(x, self.pad)
        return activate(super().forward(x), self.activation)


class Linear(nn.Linear):
    """nn.Linear with a fused activation and the app's initialisation (zero bias)."""

    def __init__(self, n_in, n_out, bias=True, activation="linear", initializer="glorotUniform"):
        super().__init__(n_in, n_out, bias=bias)
        self.activation = activation
        init_kernel(self.weight, initializer, n_in, n_out)
        if self.bias is not None:
            nn.init.zeros_(self.bias)

    def forward(self, x):
        return activate(super().forward(x), self.activation)


class BatchNorm(nn.modules.batchnorm._BatchNorm):
    """Batch normalization over the channels, as tfjs/Keras compute it.

    PyTorch's momentum is 1 - Keras's (here already converted). Running-variance
    convention: PyTorch's own BatchNorm feeds the UNBIASED batch variance into
    running_var; tfjs/Keras feed the BIASED one. This subclass updates running_var with
    the biased variance, so running statistics match the app's. Normalization in training
    uses the biased batch variance in both libraries. center/scale off freeze beta/gamma
    at 0/1 (they then count as non-trainable here, and Keras has no such weight at all).
    """

    def __init__(self, num_features, momentum, eps, center=True, scale=True):
        super().__init__(num_features, eps=eps, momentum=momentum, affine=True)
        self.weight.requires_grad_(scale)
        self.bias.requires_grad_(center)

    def _check_input_dim(self, x):
        if x.dim() not in (2, 4):
            raise ValueError("BatchNorm expects a rank-2 or rank-4 input")

    def forward(self, x):
        shape = [1, -1] + [1] * (x.dim() - 2)
        if self.training:
            dims = [0] + list(range(2, x.dim()))
            var, mean = torch.var_mean(x, dim=dims, unbiased=False)
            with torch.no_grad():
                self.running_mean.lerp_(mean.detach(), self.momentum)
                self.running_var.lerp_(var.detach(), self.momentum)
                self.num_batches_tracked += 1
        else:
            mean, var = self.running_mean, self.running_var
        y = (x - mean.view(shape)) * torch.rsqrt(var.view(shape) + self.eps)
        return y * self.weight.view(shape) + self.bias.view(shape)


class LayerNorm(nn.LayerNorm):
    """Layer normalization over the app's last axis (the channels: dim 1 of an NCHW image)."""

    def __init__(self, num_features, eps, center=True, scale=True):
        super().__init__(num_features, eps=eps, elementwise_affine=True)
        self.weight.requires_grad_(scale)
        self.bias.requires_grad_(center)

    def forward(self, x):
        if x.dim() == 4:
            return super().forward(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)
        return super().forward(x)


class Activation(nn.Module):
    def __init__(self, name, alpha=0.01):
        super().__init__()
        self.name, self.alpha = name, alpha

    def forward(self, x):
        return activate(x, self.name, self.alpha)


class Pool2d(nn.Module):
    """Max or average pooling; 'same' padding as TensorFlow (padding is never counted in averages)."""

    def __init__(self, mode, size, stride, pad=None):
        super().__init__()
        self.mode, self.size, self.stride, self.pad = mode, size, stride, pad

    def forward(self, x):
        if self.mode == "max":
            if self.pad is not None:
                x = F.pad(x, self.pad, value=-math.inf)
            return F.max_pool2d(x, self.size, self.stride)
        if self.pad is None:
            return F.avg_pool2d(x, self.size, self.stride)
        ones = torch.ones_like(x[:, :1])
        total = F.avg_pool2d(F.pad(x, self.pad), self.size, self.stride)
        return total / F.avg_pool2d(F.pad(ones, self.pad), self.size, self.stride)


class GlobalPool2d(nn.Module):
    def __init__(self, mode):
        super().__init__()
        self.mode = mode

    def forward(self, x):
        return x.mean(dim=(2, 3)) if self.mode == "avg" else x.amax(dim=(2, 3))


def to_app_layout(x):
    """NCHW -> NHWC for rank-4 tensors, so flattening and reshaping see the app's order."""
    return x.permute(0, 2, 3, 1) if x.dim() == 4 else x


class Flatten(nn.Module):
    """Flattens in the app's NHWC order, so a Dense layer after it has the app's weight layout."""

    def forward(self, x):
        return to_app_layout(x).flatten(1)


class Reshape(nn.Module):
    def __init__(self, target):
        super().__init__()
        self.target = tuple(target)

    def forward(self, x):
        y = to_app_layout(x).reshape((x.shape[0],) + self.target)
        return y.permute(0, 3, 1, 2) if y.dim() == 4 else y


class Add(nn.Module):
    def forward(self, *xs):
        out = xs[0]
        for x in xs[1:]:
            out = out + x
        return out


class Concatenate(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.dim = dim

    def forward(self, *xs):
        return torch.cat(xs, dim=self.dim)
`;
