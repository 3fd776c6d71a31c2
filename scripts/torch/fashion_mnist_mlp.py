"""The PyTorch side of `npm run bench:compare`'s end-to-end run: the same training as

    lab train --idx train-images train-labels --test-idx t10k-images t10k-labels \
      --model mlp:100 --opt adam --lr 0.001 --batch 128 --epochs 10 --val-split 0

in a plain PyTorch script, loading included: read the gzipped IDX files, subtract the
training mean image from pixels scaled to [0, 1], train a 784-100-10 ReLU MLP with Adam
(softmax cross-entropy, mini-batches reshuffled every epoch), and after every epoch
evaluate loss and accuracy on the whole training set, as the lab reports them; test
accuracy at the end. Prints one JSON line.

    python3 fashion_mnist_mlp.py TRAIN_IMAGES TRAIN_LABELS TEST_IMAGES TEST_LABELS THREADS [EPOCHS [MODEL]]

MODEL is the lab's model option: mlp:100 (the default) or linear (784-10, the linear twin).
"""
import gzip
import json
import sys
import time

started = time.perf_counter()
import numpy as np  # noqa: E402
import torch  # noqa: E402


def read_idx(path):
    with gzip.open(path, 'rb') as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], 'big') for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    train_images, train_labels, test_images, test_labels, threads = sys.argv[1:6]
    epochs = int(sys.argv[6]) if len(sys.argv) > 6 else 10
    model = sys.argv[7] if len(sys.argv) > 7 else 'mlp:100'
    if model not in ('mlp:100', 'linear'):
        sys.exit(f'model {model!r}: this script knows mlp:100 and linear')
    torch.set_num_threads(int(threads))
    torch.manual_seed(1)
    x = torch.from_numpy(read_idx(train_images).reshape(-1, 784).astype(np.float32) / 255)
    y = torch.from_numpy(read_idx(train_labels).astype(np.int64))
    tx = torch.from_numpy(read_idx(test_images).reshape(-1, 784).astype(np.float32) / 255)
    ty = torch.from_numpy(read_idx(test_labels).astype(np.int64))
    mean = x.mean(0)
    x -= mean
    tx -= mean
    loaded = time.perf_counter()

    if model == 'linear':
        net = torch.nn.Sequential(torch.nn.Linear(784, 10))
    else:
        net = torch.nn.Sequential(torch.nn.Linear(784, 100), torch.nn.ReLU(), torch.nn.Linear(100, 10))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()

    def evaluate(inputs, labels):
        with torch.no_grad():
            loss, correct = 0.0, 0
            for start in range(0, len(inputs), 1024):
                scores = net(inputs[start:start + 1024])
                loss += loss_fn(scores, labels[start:start + 1024]).item() * len(scores)
                correct += (scores.argmax(1) == labels[start:start + 1024]).sum().item()
            return loss / len(inputs), correct / len(inputs)

    train_seconds = evaluate_seconds = 0.0
    for _ in range(epochs):
        t0 = time.perf_counter()
        order = torch.randperm(len(x))
        for start in range(0, len(x), 128):
            rows = order[start:start + 128]
            opt.zero_grad(set_to_none=True)
            loss_fn(net(x[rows]), y[rows]).backward()
            opt.step()
        t1 = time.perf_counter()
        train_loss, train_accuracy = evaluate(x, y)
        evaluate_seconds += time.perf_counter() - t1
        train_seconds += t1 - t0
    test_loss, test_accuracy = evaluate(tx, ty)
    print(json.dumps({
        'wallSeconds': time.perf_counter() - started, 'loadSeconds': loaded - started,
        'trainSeconds': train_seconds, 'evaluateSeconds': evaluate_seconds,
        'samplesPerSecond': epochs * len(x) / train_seconds,
        'train': {'loss': train_loss, 'accuracy': train_accuracy},
        'test': {'loss': test_loss, 'accuracy': test_accuracy},
    }))


main()
