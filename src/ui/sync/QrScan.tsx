/**
 * "QR-Code scannen" on the join screen: the camera and the browser's own BarcodeDetector read the
 * invitation's QR code into the textbox. Shown only where the browser has both and reads QR codes
 * (no dead button); pasting the code always works.
 */
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';
import { ErrorAlert } from '../components/ErrorAlert';

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
interface DetectorClass {
  new (options: { formats: string[] }): Detector;
  getSupportedFormats(): Promise<string[]>;
}

function detectorClass(): DetectorClass | undefined {
  const found = (window as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  return found && 'mediaDevices' in navigator ? found : undefined;
}

function useScanSupported(): boolean {
  const [supported, setSupported] = useState(false);
  useEffect(() => {
    let live = true;
    detectorClass()
      ?.getSupportedFormats()
      .then(
        (formats) => live && setSupported(formats.includes('qr_code')),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, []);
  return supported;
}

/** Looks at the camera until a QR code shows, then hands its text over and stops the camera. */
function useScan(video: React.RefObject<HTMLVideoElement | null>, onCode: (code: string) => void, onFail: () => void) {
  const [scanning, setScanning] = useState(false);
  const handlers = useRef({ onCode, onFail });
  useEffect(() => {
    handlers.current = { onCode, onFail };
  });
  useEffect(() => {
    const Detector = detectorClass();
    if (!scanning || !Detector) return;
    const detector = new Detector({ formats: ['qr_code'] });
    const run = { live: true };
    const stopped = () => !run.live;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = async () => {
      if (!run.live || !video.current) return;
      const found = await detector.detect(video.current).catch(() => []);
      if (found.length > 0 && !stopped()) {
        handlers.current.onCode(found[0].rawValue.trim());
        setScanning(false);
      } else if (!stopped()) timer = setTimeout(() => void look(), 200);
    };
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(
      async (s) => {
        stream = s;
        // Stopped while the camera was being asked for: it goes off again at once.
        if (!run.live || !video.current) {
          s.getTracks().forEach((t) => t.stop());
          return;
        }
        video.current.srcObject = s;
        // A frame not there yet is a failed look, tried again: play() may wait for the first one.
        void video.current.play().catch(() => undefined);
        await look();
      },
      () => {
        if (!run.live) return;
        handlers.current.onFail();
        setScanning(false);
      },
    );
    return () => {
      run.live = false;
      clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [scanning, video]);
  return [scanning, setScanning] as const;
}

export function QrScan({ onCode, disabled }: { onCode: (code: string) => void; disabled: boolean }) {
  const tr = useT();
  const supported = useScanSupported();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [scanning, setScanning] = useScan(video, onCode, () => setError(tr('ui.sync.scanNoCamera')));
  if (!supported) return null;
  return (
    <div className="stack qr-scan">
      {scanning ? (
        <>
          <video ref={video} className="qr-video" muted playsInline aria-label={tr('ui.sync.scanVideo')} />
          <button type="button" onClick={() => setScanning(false)}>
            {tr('ui.sync.scanStop')}
          </button>
        </>
      ) : (
        <button
          type="button"
          disabled={disabled}
          onClick={() => {
            setError(null);
            setScanning(true);
          }}
        >
          {tr('ui.sync.scan')}
        </button>
      )}
      <ErrorAlert message={error} />
    </div>
  );
}
