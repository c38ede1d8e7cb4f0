import { render } from 'preact';
import { setDocumentLanguage } from '../options/i18n';
import { Popup } from './popup';
import './popup.css';

setDocumentLanguage();
render(<Popup />, document.getElementById('app')!);
