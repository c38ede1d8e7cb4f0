import { render } from 'preact';
import { setDocumentLanguage } from '../options/i18n';
import { LookupPage } from './lookup-page';
import './lookup.css';

setDocumentLanguage();
const id = new URLSearchParams(location.search).get('id') ?? '';
render(<LookupPage id={id} />, document.getElementById('app')!);
