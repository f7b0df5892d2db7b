// "Chụp ảnh": live preview from a document camera or webcam, capture to JPEG, straight into the slot as a page.
import { useEffect, useRef, useState } from 'react';
import type { DossierComponent } from '../../../electron/common/contract';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { Dialog } from '../../ui/Dialog';
import { errorText } from '../../ui/error-text';
import { SelectField } from '../../ui/Field';
import { slotLabel } from './component-name';
import { CameraIcon } from './digitize-icons';

/** 0.92: text edges stay crisp; an A4 frame from a 5 MP document camera is ~1 MB. */
const JPEG_QUALITY = 0.92;
/** ask for the camera's best resolution: document cameras give 2592x1944 or more, webcams 1920x1080 */
const IDEAL = { width: { ideal: 3840 }, height: { ideal: 2160 } };

type CameraDialogProps = {
  dossierId: string;
  component: DossierComponent;
  onClose(): void;
  onChanged(): Promise<void>;
};

type CamState = { kind: 'starting' } | { kind: 'live' } | { kind: 'failed'; message: string };

function captureJpeg(video: HTMLVideoElement): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.reject(new Error('canvas'));
  ctx.drawImage(video, 0, 0);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob'))), 'image/jpeg', JPEG_QUALITY),
  );
}

export function CameraDialog({ dossierId, component, onClose, onChanged }: CameraDialogProps) {
  const api = useApi();
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [deviceId, setDeviceId] = useState('');
  /** the camera actually open (the system default until the agent picks one) */
  const [openId, setOpenId] = useState('');
  const [cam, setCam] = useState<CamState>({ kind: 'starting' });
  const [saving, setSaving] = useState(false);
  const [added, setAdded] = useState(0);
  const [error, setError] = useState('');

  useEffect(() => {
    let stream: MediaStream | null = null;
    let cancelled = false;
    setCam({ kind: 'starting' });
    const constraints: MediaStreamConstraints = {
      video: deviceId ? { deviceId: { exact: deviceId }, ...IDEAL } : IDEAL,
      audio: false,
    };
    (async () => {
      if (!navigator.mediaDevices?.getUserMedia) throw new Error('mediaDevices');
      stream = await navigator.mediaDevices.getUserMedia(constraints);
      if (cancelled) return;
      if (video.current) {
        video.current.srcObject = stream;
        await video.current.play();
      }
      // labels are only visible once permission is granted, so list the cameras after opening one
      const all = await navigator.mediaDevices.enumerateDevices();
      if (cancelled) return;
      setDevices(all.filter((d) => d.kind === 'videoinput'));
      setOpenId(stream.getVideoTracks()[0]?.getSettings().deviceId ?? '');
      setCam({ kind: 'live' });
    })().catch((err: unknown) => {
      if (cancelled) return;
      const name = err instanceof DOMException ? err.name : '';
      setCam({
        kind: 'failed',
        message: name === 'NotFoundError' || name === 'OverconstrainedError' ? t('camera.none') : t('camera.failed', { detail: name || String(err) }),
      });
    });
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [deviceId, t]);

  async function capture(): Promise<void> {
    const v = video.current;
    if (!v || cam.kind !== 'live' || saving) return;
    setSaving(true);
    setError('');
    try {
      const blob = await captureJpeg(v);
      const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
      const bytes = new Uint8Array(await blob.arrayBuffer());
      await api.call('pages.add', { dossierId, componentId: component.id, fileName: `anh-chup-${stamp}.jpg`, bytes });
      setAdded((n) => n + 1);
      await onChanged();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog
      title={t('camera.title', { component: slotLabel(component) })}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="btn btn--ghost" onClick={onClose}>
            {t('camera.done')}
          </button>
          <button
            type="button"
            className="btn btn--primary"
            disabled={cam.kind !== 'live' || saving}
            onClick={() => void capture()}
            autoFocus
          >
            <CameraIcon />
            {t('camera.capture')}
          </button>
        </>
      }
    >
      <div className="camera">
        {devices.length > 1 ? (
          <SelectField
            id="camera-device"
            label={t('camera.device')}
            value={openId}
            onValueChange={setDeviceId}
            options={devices.map((d, i) => ({ value: d.deviceId, label: d.label || `${t('camera.device')} ${String(i + 1)}` }))}
          />
        ) : null}
        <video ref={video} className="camera__preview" aria-label={t('camera.preview')} muted playsInline />
        <p className="muted small">{t('camera.hint')}</p>
        {cam.kind === 'starting' ? <p role="status">{t('camera.starting')}</p> : null}
        {cam.kind === 'failed' ? (
          <p className="notice notice--error" role="alert">
            {cam.message}
          </p>
        ) : null}
        {saving ? <p role="status">{t('camera.saving')}</p> : null}
        {added > 0 && !saving ? (
          <p className="notice notice--info" role="status">
            {t('camera.saved', { count: added })}
          </p>
        ) : null}
        {error ? (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
